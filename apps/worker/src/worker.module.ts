import { Module } from '@nestjs/common';
import { OutboxRelay } from '@claimdesk/queue';
import { SourcesModule } from '@claimdesk/sources';
import { SystemModule } from '@claimdesk/system';
import { SourcesProcessor } from './sources.processor';
import { SystemProcessor } from './system.processor';

/** The job side: the outbox relay and one processor per queue. */
@Module({
  imports: [SourcesModule, SystemModule],
  providers: [OutboxRelay, SourcesProcessor, SystemProcessor],
})
export class WorkerModule {}
