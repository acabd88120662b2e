import { Module } from '@nestjs/common';
import { IdempotencyModule } from '@claimdesk/idempotency';
import { CheckingModule } from '@claimdesk/checking';
import { CandidatesModule } from '@claimdesk/extraction';
import { OutboxRelay } from '@claimdesk/queue';
import { ReviewsModule } from '@claimdesk/reviews';
import { SystemModule } from '@claimdesk/system';
import { WebhooksModule } from '@claimdesk/webhooks';
import { JobSchedules } from './job-schedules';
import { JobUpkeep } from './job-upkeep';
import { ReviewsProcessor } from './reviews.processor';
import { SourcesProcessor } from './sources.processor';
import { SystemProcessor } from './system.processor';
import { WebhooksProcessor } from './webhooks.processor';
import { WorkerShutdown } from './worker-shutdown';

/** The job side: the outbox relay and one processor per queue. */
@Module({
  imports: [
    CandidatesModule,
    // Reviews tells checking which claims cite a source (through appearances or as evidence).
    CheckingModule.register({ imports: [ReviewsModule] }),
    IdempotencyModule,
    ReviewsModule,
    SystemModule,
    WebhooksModule,
  ],
  providers: [
    JobSchedules,
    JobUpkeep,
    OutboxRelay,
    ReviewsProcessor,
    SourcesProcessor,
    SystemProcessor,
    WebhooksProcessor,
    WorkerShutdown,
  ],
})
export class WorkerModule {}
