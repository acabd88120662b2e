import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { SourceCheckService } from '@claimdesk/checking';
import { ExtractionService } from '@claimdesk/extraction';
import { QueueName, workerDefaults } from '@claimdesk/queue';
import { runJob } from './job-runner';

/** Source checking: fetches and archives sources, checks quotes, schedules re-checks, extracts candidate claims. */
@Processor(QueueName.Sources, { ...workerDefaults, concurrency: 8 })
export class SourcesProcessor extends WorkerHost {
  constructor(
    private readonly checks: SourceCheckService,
    private readonly extraction: ExtractionService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    return runJob<typeof QueueName.Sources>(job, async (typed, run) => {
      switch (typed.name) {
        case 'source.fetch':
          return this.checks.fetchSource(typed.data.sourceId, run);
        case 'quote.check':
          return this.checks.checkAppearance(typed.data.appearanceId);
        case 'excerpt.check':
          return this.checks.checkEvidence(typed.data.evidenceId);
        case 'source.recheck':
          return { queued: await this.checks.scheduleRechecks() };
        case 'source.extract':
          return this.extraction.extractLatest(typed.data.sourceId, run);
      }
    });
  }
}
