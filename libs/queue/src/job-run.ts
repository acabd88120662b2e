import type { Job } from 'bullmq';

/** What a handler may know of the run it is part of, without depending on BullMQ. */
export interface JobRun {
  /** The job's id: deterministic for outbox jobs, the same across retries. */
  readonly id: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Whether a failure now is the last: no retry follows. */
  readonly finalAttempt: boolean;
  /** Reports progress, 0 to 100. */
  progress(percent: number): Promise<void>;
}

export function jobRunOf(job: Job): JobRun {
  const attempt = job.attemptsMade + 1;
  return {
    id: job.id ?? `${job.name}.${job.timestamp}`,
    attempt,
    finalAttempt: attempt >= (job.opts.attempts ?? 1),
    progress: (percent) => job.updateProgress(percent),
  };
}
