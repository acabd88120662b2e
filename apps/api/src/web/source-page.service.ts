import { Injectable, Logger } from '@nestjs/common';
import { ExtractionService } from '@claimdesk/extraction';
import { jobQueue, QueueRegistry } from '@claimdesk/queue';
import type { JobState } from './claim-page/checks-panel.view-model';
import type { CandidatesPanelData } from './source-candidates.view-model';

/** Candidates shown on a source page at a time. */
export const candidatesPageSize = 50;

/**
 * Gathers the candidate claims panel of a source page: a page of candidates
 * with their matches, where extraction stands, and while it is pending the
 * state of its job in the queue. Reads only.
 */
@Injectable()
export class SourcePageService {
  private readonly logger = new Logger(SourcePageService.name);

  constructor(
    private readonly extraction: ExtractionService,
    private readonly queues: QueueRegistry,
  ) {}

  async candidates(sourceId: string, cursor?: string, from?: number): Promise<CandidatesPanelData> {
    const page = await this.extraction.list(sourceId, cursor, candidatesPageSize);
    const job = page.extraction.status === 'pending' ? await this.jobState(sourceId) : null;
    return {
      sourceId,
      page,
      job,
      ...(cursor === undefined ? {} : { cursor }),
      ...(from === undefined ? {} : { from }),
    };
  }

  /** The pending extraction's job in its queue, or null when it is not there (still in the outbox, or removed). */
  private async jobState(sourceId: string): Promise<JobState | null> {
    const jobId = await this.extraction.pendingJobId(sourceId);
    if (jobId === null) return null;
    try {
      const job = await this.queues.get(jobQueue['source.extract']).getJob(jobId);
      if (job === undefined) return null;
      const progress = typeof job.progress === 'number' && Number.isFinite(job.progress) ? job.progress : null;
      return {
        state: await job.getState(),
        progress,
        attemptsMade: job.attemptsMade,
        attempts: job.opts.attempts ?? 1,
        failedReason: job.failedReason || null,
      };
    } catch (error) {
      // Progress is a nicety: the panel still says extraction is pending without it.
      this.logger.warn(`could not read job ${jobId}: ${(error as Error).message}`);
      return null;
    }
  }
}
