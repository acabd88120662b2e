import type { Job } from 'bullmq';

/** What a handler may know of the run it is part of, without depending on BullMQ. */
export interface JobRun {
  /** The job's id: deterministic for outbox jobs, the same across retries. */
  readonly id: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Whether a failure now is the last: no retry follows. */
  readonly finalAttempt: boolean;
  /** Reports progress, 0 to 100, once the run has lasted {@link progressAfterMs}. */
  progress(percent: number): Promise<void>;
}

/**
 * Progress is worth reporting on long work only: each report is a write to
 * the queue backend (a commit with NOTIFY on PostgreSQL), and for a job done
 * in milliseconds four of them cost more than the job (measured by the
 * sourcecheck bench: the queue's throughput ratio 0.30 → 0.63 without them).
 */
export const progressAfterMs = 500;

export function jobRunOf(job: Job, now: () => number = Date.now): JobRun {
  const attempt = job.attemptsMade + 1;
  const started = now();
  return {
    id: job.id ?? `${job.name}.${job.timestamp}`,
    attempt,
    finalAttempt: attempt >= (job.opts.attempts ?? 1),
    progress: async (percent) => {
      if (now() - started >= progressAfterMs) await job.updateProgress(percent);
    },
  };
}
