import { Injectable, Logger } from '@nestjs/common';
import { Database } from '@claimdesk/persistence';
import { type JobRequest, jobQueue } from './job-contract';
import { JobOutbox } from './job-outbox';
import { QueueRegistry } from './queue-registry';

/**
 * A job that work recorded as pending waits on: what to enqueue, and the key
 * that gives its deterministic job id (`<name>.<key>`, as {@link JobOutbox}
 * makes it).
 */
export interface AwaitedJob {
  job: JobRequest;
  key: string;
}

/** What one pass of {@link LostJobs.redrive} found. */
export interface RedriveOutcome {
  /** Jobs the queue still has (waiting, delayed, active or finished): not lost. */
  present: number;
  /** Jobs the queue no longer knew, enqueued again through the outbox. */
  requeued: string[];
}

/**
 * Re-drives jobs the queue lost (a Redis that came back empty, say): each
 * awaited job the queue does not know by its id is enqueued again through the
 * outbox, with the same id. One the queue still has, in any state, is left
 * alone: a job waiting in a long queue is not duplicated, and a failed one
 * stays failed for an operator to see. Handlers are idempotent, so a job that
 * finished and was removed a moment before the check merely runs again.
 */
@Injectable()
export class LostJobs {
  private readonly logger = new Logger(LostJobs.name);

  constructor(
    private readonly db: Database,
    private readonly outbox: JobOutbox,
    private readonly queues: QueueRegistry,
  ) {}

  async redrive(awaited: readonly AwaitedJob[]): Promise<RedriveOutcome> {
    const lost: AwaitedJob[] = [];
    for (const item of awaited) {
      const jobId = `${item.job.name}.${item.key}`;
      const state = await this.queues.get(jobQueue[item.job.name]).getJobState(jobId);
      if (state === 'unknown') lost.push(item);
    }
    // A job still in the outbox is unknown to the queue too: the outbox keeps one row per job id.
    const requeued =
      lost.length === 0
        ? []
        : await this.db.transaction(async () => {
            const ids: string[] = [];
            for (const { job, key } of lost) ids.push(await this.outbox.enqueue(job, { key }));
            return ids;
          });
    if (requeued.length > 0) {
      this.logger.warn(`re-enqueued ${requeued.length} lost job(s): ${requeued.slice(0, 10).join(', ')}`);
    }
    return { present: awaited.length - lost.length, requeued };
  }
}
