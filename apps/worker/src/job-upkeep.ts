import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SourceCheckService } from '@claimdesk/checking';
import { AppConfig } from '@claimdesk/config';
import { ExtractionService } from '@claimdesk/extraction';
import { type AwaitedJob, LostJobs } from '@claimdesk/queue';
import { ReviewsService } from '@claimdesk/reviews';
import { WebhooksService } from '@claimdesk/webhooks';
import { JobSchedules } from './job-schedules';

/** What one upkeep pass did. */
export interface UpkeepPass {
  /** Schedules the queue had lost, upserted again. */
  schedulesRestored: string[];
  /** Jobs that pending work waits on and the queue still has. */
  present: number;
  /** Jobs the queue had lost, enqueued again through the outbox. */
  requeued: string[];
}

/**
 * Keeps the queue honest to what PostgreSQL says, from a plain timer in each
 * worker (not from BullMQ, whose data is what may be lost): every
 * `JOB_SWEEP_INTERVAL_MS` it upserts the job schedules again, then asks each
 * domain which jobs its work pending for longer than `JOB_STALE_AFTER_MS`
 * waits on, and re-enqueues those the queue no longer knows. Every worker
 * runs it; passes are idempotent (the outbox and BullMQ keep one job per id),
 * so several workers doing it at once add nothing twice.
 */
@Injectable()
export class JobUpkeep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobUpkeep.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly config: AppConfig,
    private readonly schedules: JobSchedules,
    private readonly lost: LostJobs,
    private readonly checks: SourceCheckService,
    private readonly extraction: ExtractionService,
    private readonly reviews: ReviewsService,
    private readonly webhooks: WebhooksService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      // Passes never overlap: one still running (a slow queue backend) makes the next tick a no-op.
      this.running ??= this.pass()
        .catch((error: unknown) => this.logger.warn(`job upkeep pass failed: ${(error as Error).message}`))
        .finally(() => (this.running = undefined));
    }, this.config.jobSweepIntervalMs);
  }

  /** Stops the timer when nothing stopped it before (a context without `WorkerShutdown`). */
  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  /** Stops the timer and waits for a pass under way; the first step of a worker's shutdown. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass: schedules first (the sweep's own safety net), then lost jobs. */
  async pass(now = new Date()): Promise<UpkeepPass> {
    const schedulesRestored = await this.schedules.assert();
    if (schedulesRestored.length > 0) this.logger.warn(`restored lost job schedules: ${schedulesRestored.join(', ')}`);
    const before = new Date(now.getTime() - this.config.jobStaleAfterMs);
    const awaited: AwaitedJob[] = [
      ...(await this.checks.awaitedJobs(before)),
      ...(await this.extraction.awaitedJobs(before)),
      ...(await this.reviews.awaitedJobs(before)),
      ...(await this.webhooks.awaitedJobs(before)),
    ];
    const { present, requeued } = await this.lost.redrive(awaited);
    return { schedulesRestored, present, requeued };
  }
}
