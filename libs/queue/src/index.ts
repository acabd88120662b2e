export { inJobContext } from './job-context';
export { type JobRun, jobRunOf, progressAfterMs } from './job-run';
export {
  type JobData,
  type JobName,
  type JobPayloads,
  type JobRequest,
  type QueueJob,
  QueueName,
  jobQueue,
  jobSchedules,
} from './job-contract';
export { defaultJobOptions, jobOptionsFor, workerDefaults } from './job-options';
export { type EnqueueOptions, JobOutbox } from './job-outbox';
export { type AwaitedJob, LostJobs, type RedriveOutcome } from './lost-jobs';
export { OutboxJob } from './outbox-job.entity';
export { OutboxRelay, outboxChannel } from './outbox-relay';
export { OutboxRepository } from './outbox.repository';
export { QueueBackend, type QueueBackendKind } from './queue-backend';
export { QueueHealthIndicator } from './queue-health.indicator';
export { QueueModule } from './queue.module';
export { QueueRegistry } from './queue-registry';
