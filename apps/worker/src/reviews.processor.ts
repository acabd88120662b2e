import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QueueName, workerDefaults } from '@claimdesk/queue';
import { ReviewsService } from '@claimdesk/reviews';
import { runJob } from './job-runner';

/** The review workflow's queued status changes. */
@Processor(QueueName.Reviews, { ...workerDefaults, concurrency: 8 })
export class ReviewsProcessor extends WorkerHost {
  constructor(private readonly reviews: ReviewsService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    return runJob<typeof QueueName.Reviews>(job, async (typed) => {
      switch (typed.name) {
        case 'claim.evaluate':
          return this.reviews.evaluateConsensus(typed.data.claimId);
      }
    });
  }
}
