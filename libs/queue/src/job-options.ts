import type { JobsOptions, WorkerOptions } from 'bullmq';
import type { JobName } from './job-contract';

/**
 * Retry policy, in one place: failed jobs are kept for inspection and retried
 * with exponential backoff; a failure retrying cannot fix (a domain error of
 * kind `invalid`, `not_found`, `unprocessable` or `forbidden`) is given up on
 * by the worker's job runner.
 */
export const defaultJobOptions: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 60 * 60, count: 10_000 },
  removeOnFail: false,
};

/** Per-job departures from {@link defaultJobOptions}. */
export const jobOptionOverrides: Partial<Record<JobName, JobsOptions>> = {
  'system.ping': { attempts: 3 },
};

export function jobOptionsFor(name: JobName): JobsOptions {
  return { ...defaultJobOptions, ...jobOptionOverrides[name] };
}

/**
 * Worker settings every processor starts from. A job whose worker died is
 * released when its lock lapses (renewed every `lockDuration / 2` while the
 * worker lives) and picked up by the next stalled-job check.
 */
export const workerDefaults = {
  lockDuration: 15_000,
  stalledInterval: 15_000,
  maxStalledCount: 2,
} as const satisfies Partial<WorkerOptions>;
