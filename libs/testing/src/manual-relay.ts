import { Injectable, Module } from '@nestjs/common';
import { OutboxRelay } from '@claimdesk/queue';

/**
 * The outbox relay, relaying only when a test calls `relayBatch()`: no timer
 * moves rows behind the test's back, so each test decides what the queue holds.
 */
@Injectable()
export class ManualRelay extends OutboxRelay {
  override async onApplicationBootstrap(): Promise<void> {}
}

/** Provides {@link ManualRelay}, for a test context of feature modules that has no relay of its own. */
@Module({ providers: [ManualRelay] })
export class ManualRelayModule {}
