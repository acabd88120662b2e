import { Module } from '@nestjs/common';
import { IdempotencyModule } from '@claimdesk/idempotency';
import { OutboxRelay } from '@claimdesk/queue';
import { CheckingModule } from '@claimdesk/checking';
import { SystemModule } from '@claimdesk/system';
import { JobSchedules } from './job-schedules';
import { SourcesProcessor } from './sources.processor';
import { SystemProcessor } from './system.processor';

/** The job side: the outbox relay and one processor per queue. */
@Module({
  imports: [CheckingModule, IdempotencyModule, SystemModule],
  providers: [JobSchedules, OutboxRelay, SourcesProcessor, SystemProcessor],
})
export class WorkerModule {}
