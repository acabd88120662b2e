import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { inJobContext, jobRunOf, QueueName, type QueueJob, workerDefaults } from '@claimdesk/queue';
import { WebhooksService } from '@claimdesk/webhooks';

/** Webhook delivery: POSTs each recorded delivery to its subscriber, signed. */
@Processor(QueueName.Webhooks, { ...workerDefaults, concurrency: 8 })
export class WebhooksProcessor extends WorkerHost {
  constructor(private readonly webhooks: WebhooksService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const typed = job as unknown as QueueJob<typeof QueueName.Webhooks>;
    return inJobContext(typed, async () => {
      switch (typed.name) {
        case 'webhook.deliver':
          return this.webhooks.deliver(typed.data.deliveryId, jobRunOf(job));
      }
    });
  }
}
