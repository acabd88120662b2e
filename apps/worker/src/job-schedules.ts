import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { jobOptionsFor, jobQueue, jobSchedules, QueueRegistry } from '@claimdesk/queue';

/**
 * Registers the contract's scheduled jobs with BullMQ. Upserting is
 * idempotent: every worker does it at start and again on each upkeep pass
 * ({@link JobUpkeep}), and one schedule results; a queue that lost its data
 * gets its schedules back without a restart.
 */
@Injectable()
export class JobSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobSchedules.name);

  constructor(private readonly queues: QueueRegistry) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.assert();
    for (const schedule of jobSchedules) {
      this.logger.log(`scheduled ${schedule.name} every ${schedule.everyMs / 1000} s`);
    }
  }

  /** Upserts every schedule; returns the ids of those the queue did not have. */
  async assert(): Promise<string[]> {
    const missing: string[] = [];
    for (const schedule of jobSchedules) {
      const queue = this.queues.get(jobQueue[schedule.name]);
      if ((await queue.getJobScheduler(schedule.id)) === undefined) missing.push(schedule.id);
      const { attempts, backoff } = jobOptionsFor(schedule.name);
      await queue.upsertJobScheduler(
        schedule.id,
        { every: schedule.everyMs },
        { name: schedule.name, data: {}, opts: { attempts, backoff } },
      );
    }
    return missing;
  }
}
