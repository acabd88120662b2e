import { BullModule, type BullRootModuleOptions, getQueueToken } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { Queue } from 'bullmq';
import { AppConfig } from '@claimdesk/config';
import { DatabaseServer } from '@claimdesk/persistence';
import { JobOutbox } from './job-outbox';
import { LostJobs } from './lost-jobs';
import { OutboxRepository } from './outbox.repository';
import { configureQueueBackend, QueueBackend, queueBackendKind } from './queue-backend';
import { QueueHealthIndicator } from './queue-health.indicator';
import { QueueRegistry, queueNames } from './queue-registry';

/**
 * BullMQ on Redis or PostgreSQL, the queues of the job contract, and the outbox
 * through which every job is enqueued. The worker app adds {@link OutboxRelay}
 * and one processor per queue.
 */
@Global()
@Module({
  imports: [
    TerminusModule,
    BullModule.forRootAsync({
      inject: [AppConfig, DatabaseServer],
      // BullMQ's Nest types only know Redis connection options; the PostgreSQL ones are passed through.
      useFactory: (config: AppConfig, database: DatabaseServer) =>
        configureQueueBackend(config, database) as BullRootModuleOptions,
    }),
    BullModule.registerQueue(...queueNames.map((name) => ({ name }))),
  ],
  providers: [
    OutboxRepository,
    JobOutbox,
    LostJobs,
    QueueHealthIndicator,
    {
      provide: QueueBackend,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new QueueBackend(queueBackendKind(config)),
    },
    {
      provide: QueueRegistry,
      inject: queueNames.map((name) => getQueueToken(name)),
      useFactory: (...queues: Queue[]) => new QueueRegistry(queues),
    },
  ],
  exports: [BullModule, JobOutbox, LostJobs, OutboxRepository, QueueBackend, QueueHealthIndicator, QueueRegistry],
})
export class QueueModule {}
