import { Module } from '@nestjs/common';
import { OutboxRelay } from '@claimdesk/queue';
import { SystemModule } from '@claimdesk/system';
import { SystemProcessor } from './system.processor';

/** The job side: the outbox relay and one processor per queue. */
@Module({
  imports: [SystemModule],
  providers: [OutboxRelay, SystemProcessor],
})
export class WorkerModule {}
