import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { IdempotencyService } from '@claimdesk/idempotency';
import { QueueName, workerDefaults } from '@claimdesk/queue';
import { SystemService } from '@claimdesk/system';
import { runJob } from './job-runner';

@Processor(QueueName.System, { ...workerDefaults, concurrency: 4 })
export class SystemProcessor extends WorkerHost {
  constructor(
    private readonly system: SystemService,
    private readonly idempotency: IdempotencyService,
  ) {
    super();
  }

  async process(job: Job): Promise<void> {
    await runJob<typeof QueueName.System>(job, async (typed) => {
      switch (typed.name) {
        case 'system.ping':
          return this.system.answerPing(typed.data.pingId);
        case 'system.cleanup':
          await this.idempotency.purgeExpired();
          return;
      }
    });
  }
}
