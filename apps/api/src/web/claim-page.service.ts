import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@claimdesk/accounts';
import type { QuoteCheckView } from '@claimdesk/claims';
import { type JobName, jobQueue, QueueRegistry } from '@claimdesk/queue';
import { MatchingService } from '@claimdesk/matching';
import { ClaimDetailService, type ClaimDetailView, ReviewsService } from '@claimdesk/reviews';
import { SourcesService } from '@claimdesk/sources';
import {
  type CheckExtras,
  type ChecksData,
  type CitedSource,
  type JobState,
  type Passage,
  passageAround,
  pendingPhase,
} from './claim-page/checks-panel.view-model';
import type { ClaimPageData } from './claim-page/claim-page.view-model';
import { historyPageSize } from './claim-page/history-panel.view-model';

/** Passages kept in memory: snapshots never change, so a passage cut from one stays right. */
const passageCacheSize = 500;

/**
 * Gathers what the claim page shows besides the claim itself: the cited
 * sources' titles and fetch states, each check's passage in its snapshot, and
 * the queue jobs of whatever is still pending. Reads only, through the lib
 * services and the queues.
 */
@Injectable()
export class ClaimPageService {
  private readonly logger = new Logger(ClaimPageService.name);
  private readonly passages = new Map<string, Passage | null>();

  constructor(
    private readonly reviews: ReviewsService,
    private readonly details: ClaimDetailService,
    private readonly sources: SourcesService,
    private readonly queues: QueueRegistry,
    private readonly matching: MatchingService,
  ) {}

  /** The whole page: the claim as the viewer may see it, its checks and a page of its history. */
  async page(viewer: Principal, claimId: string, eventsCursor: string | undefined): Promise<ClaimPageData> {
    const [detail, events] = await Promise.all([
      this.details.describe(viewer, claimId),
      this.reviews.listEvents(viewer, claimId, eventsCursor, historyPageSize),
    ]);
    const claim = { ...detail.claim, similar: await this.matching.similarTo(detail.claim) };
    return {
      claim,
      capabilities: detail.capabilities,
      checks: await this.checks(claim),
      events,
      ...(eventsCursor === undefined ? {} : { eventsCursor }),
    };
  }

  /** The live part only: the claim with its sources and checks. */
  async live(viewer: Principal, claimId: string): Promise<Pick<ClaimPageData, 'claim' | 'checks'>> {
    const { claim } = await this.details.describe(viewer, claimId);
    return { claim, checks: await this.checks(claim) };
  }

  private async checks(claim: ClaimDetailView): Promise<ChecksData> {
    const sourceIds = [...new Set([...claim.appearances, ...claim.evidence].map((item) => item.sourceId))];
    // One round trip's worth of waiting per kind, not one per source and per check.
    const sources: Record<string, CitedSource> = Object.fromEntries(
      await Promise.all(
        sourceIds.map(async (id) => {
          const source = await this.sources.get(id);
          const cited: CitedSource = {
            title: source.title,
            fetchStatus: source.fetchStatus,
            error: source.error,
            errorDetail: source.errorDetail,
            fetchAttempts: source.fetchAttempts,
          };
          return [id, cited] as const;
        }),
      ),
    );
    const [appearances, evidence] = await Promise.all([
      Promise.all(
        claim.appearances.map(
          async (appearance) =>
            [
              appearance.id,
              await this.extras(appearance.sourceId, appearance.quoteCheck, sources[appearance.sourceId], {
                name: 'quote.check',
                key: appearance.id,
              }),
            ] as const,
        ),
      ).then((entries) => Object.fromEntries(entries)),
      Promise.all(
        claim.evidence.map(
          async (item) =>
            [
              item.id,
              await this.extras(item.sourceId, item.excerptCheck, sources[item.sourceId], {
                name: 'excerpt.check',
                key: item.id,
              }),
            ] as const,
        ),
      ).then((entries) => Object.fromEntries(entries)),
    ]);
    return { sources, appearances, evidence };
  }

  private async extras(
    sourceId: string,
    check: QuoteCheckView | null,
    source: CitedSource | undefined,
    checkJob: { name: JobName; key: string },
  ): Promise<CheckExtras> {
    const phase = pendingPhase(check, source);
    const job =
      phase === null
        ? null
        : {
            phase,
            // The ids JobOutbox gives: `<job name>.<key>`; a source's first fetch is keyed by its id.
            state:
              phase === 'fetch'
                ? await this.jobState('source.fetch', sourceId)
                : await this.jobState(checkJob.name, checkJob.key),
          };
    return { passage: check === null ? null : await this.passage(sourceId, check), job };
  }

  /** The job's state in its queue, or null when it is not there (still in the outbox, or removed). */
  private async jobState(name: JobName, key: string): Promise<JobState | null> {
    try {
      const job = await this.queues.get(jobQueue[name]).getJob(`${name}.${key}`);
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
      // Progress is a nicety: the page still shows the check's status without it.
      this.logger.warn(`could not read job ${name}.${key}: ${(error as Error).message}`);
      return null;
    }
  }

  /** The matched passage with its context in the snapshot it was found in. */
  private async passage(sourceId: string, check: QuoteCheckView): Promise<Passage | null> {
    const { snapshotId, start, end } = check;
    if (snapshotId === null || start === null || end === null) return null;
    if (check.status !== 'found' && check.status !== 'approximate') return null;
    const key = `${snapshotId}:${start}:${end}`;
    if (this.passages.has(key)) return this.passages.get(key)!;
    const snapshot = await this.sources.getSnapshot(sourceId, snapshotId).catch(() => null);
    const around = snapshot === null ? null : passageAround(snapshot.text, start, end);
    // Offsets that no longer fit the text would mark the wrong words: show the excerpt alone instead.
    const passage = around !== null && around.match === check.excerpt ? around : null;
    if (this.passages.size >= passageCacheSize) this.passages.delete(this.passages.keys().next().value!);
    this.passages.set(key, passage);
    return passage;
  }
}
