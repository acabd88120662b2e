import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { jobOptionsFor, jobQueue, jobSchedules, QueueRegistry } from '@claimdesk/queue';

/**
 * Registers the contract's scheduled jobs with BullMQ. Upserting is
 * idempotent: every worker may do it at start, and one schedule results.
 */
@Injectable()
export class JobSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobSchedules.name);

  constructor(private readonly queues: QueueRegistry) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const schedule of jobSchedules) {
      const { attempts, backoff } = jobOptionsFor(schedule.name);
      await this.queues
        .get(jobQueue[schedule.name])
        .upsertJobScheduler(
          schedule.id,
          { every: schedule.everyMs },
          { name: schedule.name, data: {}, opts: { attempts, backoff } },
        );
      this.logger.log(`scheduled ${schedule.name} every ${schedule.everyMs / 1000} s`);
    }
  }
}
