import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { inJobContext, QueueName, type QueueJob, workerDefaults } from '@claimdesk/queue';
import { ReviewsService } from '@claimdesk/reviews';

/** The review workflow's queued status changes. */
@Processor(QueueName.Reviews, { ...workerDefaults, concurrency: 8 })
export class ReviewsProcessor extends WorkerHost {
  constructor(private readonly reviews: ReviewsService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const typed = job as unknown as QueueJob<typeof QueueName.Reviews>;
    return inJobContext(typed, async () => {
      switch (typed.name) {
        case 'claim.evaluate':
          return this.reviews.evaluateConsensus(typed.data.claimId);
      }
    });
  }
}
