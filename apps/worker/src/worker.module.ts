import { Module } from '@nestjs/common';
import { IdempotencyModule } from '@claimdesk/idempotency';
import { OutboxRelay } from '@claimdesk/queue';
import { SourcesModule } from '@claimdesk/sources';
import { SystemModule } from '@claimdesk/system';
import { JobSchedules } from './job-schedules';
import { SourcesProcessor } from './sources.processor';
import { SystemProcessor } from './system.processor';

/** The job side: the outbox relay and one processor per queue. */
@Module({
  imports: [IdempotencyModule, SourcesModule, SystemModule],
  providers: [JobSchedules, OutboxRelay, SourcesProcessor, SystemProcessor],
})
export class WorkerModule {}
