import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { inJobContext, QueueName, type QueueJob, workerDefaults } from '@claimdesk/queue';
import { SourcesService } from '@claimdesk/sources';

@Processor(QueueName.Sources, { ...workerDefaults, concurrency: 8 })
export class SourcesProcessor extends WorkerHost {
  constructor(private readonly sources: SourcesService) {
    super();
  }

  async process(job: Job): Promise<void> {
    const typed = job as unknown as QueueJob<typeof QueueName.Sources>;
    await inJobContext(typed, async () => {
      switch (typed.name) {
        case 'source.fetch':
          return this.sources.fetch(typed.data.sourceId);
      }
    });
  }
}
