import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { inJobContext, QueueName, type QueueJob, workerDefaults } from '@claimdesk/queue';
import { IdempotencyService } from '@claimdesk/idempotency';
import { SystemService } from '@claimdesk/system';

@Processor(QueueName.System, { ...workerDefaults, concurrency: 4 })
export class SystemProcessor extends WorkerHost {
  constructor(
    private readonly system: SystemService,
    private readonly idempotency: IdempotencyService,
  ) {
    super();
  }

  async process(job: Job): Promise<void> {
    const typed = job as unknown as QueueJob<typeof QueueName.System>;
    await inJobContext(typed, async () => {
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
