import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QueueName, workerDefaults } from '@claimdesk/queue';
import { WebhooksService } from '@claimdesk/webhooks';
import { runJob } from './job-runner';

/** Webhook delivery: POSTs each recorded delivery to its subscriber, signed. */
@Processor(QueueName.Webhooks, { ...workerDefaults, concurrency: 8 })
export class WebhooksProcessor extends WorkerHost {
  constructor(private readonly webhooks: WebhooksService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    return runJob<typeof QueueName.Webhooks>(job, async (typed, run) => {
      switch (typed.name) {
        case 'webhook.deliver':
          return this.webhooks.deliver(typed.data.deliveryId, run);
      }
    });
  }
}
