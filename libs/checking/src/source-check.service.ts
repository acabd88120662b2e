import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@claimdesk/errors';
import { type EventAction, EventLog } from '@claimdesk/events';
import { type FetchedDocument, FetchFailure, SafeFetcher } from '@claimdesk/fetcher';
import { Database } from '@claimdesk/persistence';
import { type AwaitedJob, JobOutbox, type JobRun } from '@claimdesk/queue';
import { type FetchStatus, SourcesService, type SourceToFetch } from '@claimdesk/sources';
import { ExtractionFailure, extractDocument } from './document-extractor';
import type { PageContent } from './html-extractor';
import { checkQuote } from './quote-check';
import { type QuoteCheckRow, QuoteCheckRepository } from './quote-check.repository';
import type { QuoteTarget } from './quote-check.views';
import { SourceCitations } from './source-citations';

/** Sources are re-fetched when their last attempt is older than this. */
export const recheckAfterMs = 24 * 60 * 60 * 1000;
/** Most re-fetches one scheduled run queues; the rest wait for the next run. */
export const recheckBatch = 500;
/** The statuses of claims whose sources are re-checked on a schedule. */
const rechecked = ['in_review', 'awaiting_approval', 'published'];
/** Sources due a re-check by age read at a time, before asking which claims cite them. */
const recheckPage = 1000;
/** Most pending items of each kind one sweep for lost jobs looks at. */
export const sweepBatch = 500;

/** What a fetch job did. */
export type FetchOutcome =
  | { outcome: 'snapshot'; snapshotId: string; changed: boolean; quotesChecked: number }
  | { outcome: 'unchanged'; snapshotId: string; quotesChecked: number }
  | { outcome: 'already_done' };

/**
 * Source checking: fetches sources safely, archives what they say as
 * snapshots, checks the quotes cited from them, and re-checks them later.
 * Every handler is idempotent: a job run again after a crash finds the
 * snapshot its first run wrote and only finishes the quote checks.
 */
@Injectable()
export class SourceCheckService {
  private readonly logger = new Logger(SourceCheckService.name);

  constructor(
    private readonly db: Database,
    private readonly citations: SourceCitations,
    private readonly quoteChecks: QuoteCheckRepository,
    private readonly sources: SourcesService,
    private readonly fetcher: SafeFetcher,
    private readonly events: EventLog,
    private readonly outbox: JobOutbox,
  ) {}

  /** The `source.fetch` job. */
  async fetchSource(sourceId: string, run: JobRun): Promise<FetchOutcome> {
    const source = await this.sources.findForFetch(sourceId);
    if (source === null) throw DomainError.notFound('source.not_found', `source ${sourceId} does not exist`);
    if (await this.sources.snapshotWrittenBy(run.id)) {
      await this.db.transaction(() => this.checkQuotes(sourceId, 'unchecked'));
      return { outcome: 'already_done' };
    }
    await run.progress(10);
    let document: FetchedDocument;
    let content: PageContent;
    try {
      document = await this.fetcher.fetch(source.url);
      await run.progress(50);
      content = await extractDocument(document);
      await run.progress(75);
    } catch (error) {
      return this.recordFailure(source, error, run);
    }
    const outcome = await this.db.transaction(() => this.recordDocument(source, document, content, run.id));
    await run.progress(100);
    return outcome;
  }

  /** The `quote.check` job: checks one appearance's quote against its source's latest snapshot. */
  checkAppearance(appearanceId: string): Promise<void> {
    return this.checkTarget('appearance', appearanceId);
  }

  /** The `excerpt.check` job: checks one piece of evidence's excerpt the same way. */
  checkEvidence(evidenceId: string): Promise<void> {
    return this.checkTarget('evidence', evidenceId);
  }

  private async checkTarget(kind: QuoteTarget['kind'], id: string): Promise<void> {
    await this.db.transaction(async () => {
      const target = await this.quoteChecks.find({ kind, id });
      if (target === null) {
        throw DomainError.notFound(`${kind}.not_found`, `${kind} ${id} does not exist or cites nothing`);
      }
      // Share-locked so that a fetch recording a snapshot right now either
      // finishes first (and this check reads its snapshot) or waits for this one.
      const status = await this.sources.lockForFetch(target.sourceId, 'share');
      const snapshot = await this.sources.latestSnapshotText(target.sourceId);
      if (snapshot !== null) {
        // Unless the fetch that wrote this snapshot checked the quote already.
        if (snapshot.id !== target.snapshotId) await this.recordCheck(target, snapshot);
      } else if (status === 'failed') {
        await this.markUnavailable(target.sourceId);
      }
      // Otherwise the source is still being fetched, and that job checks the quote.
    });
  }

  /** The scheduled `source.recheck` job: queues re-fetches of sources due one. */
  async scheduleRechecks(now = new Date()): Promise<number> {
    const due = await this.dueForRecheck(new Date(now.getTime() - recheckAfterMs));
    const day = now.toISOString().slice(0, 10);
    await this.db.transaction(async () => {
      for (const sourceId of due) {
        // One re-check per source and day, however often the schedule runs.
        await this.outbox.enqueue({ name: 'source.fetch', data: { sourceId } }, { key: `${sourceId}.recheck.${day}` });
      }
    });
    if (due.length > 0) this.logger.log(`queued ${due.length} source re-checks`);
    return due.length;
  }

  /**
   * Sources due a re-check, at most {@link recheckBatch}: fetched from the web
   * (not given as text), last attempted before `olderThan`, oldest attempt
   * first, and cited by a claim under review, awaiting approval or published.
   */
  private async dueForRecheck(olderThan: Date): Promise<string[]> {
    const due: string[] = [];
    let after: { attemptKey: string; id: string } | null = null;
    while (due.length < recheckBatch) {
      const page = await this.sources.staleSources(olderThan, after, recheckPage);
      if (page.length === 0) break;
      const cited = new Set(
        await this.citations.citedByClaimsIn(
          page.map((source) => source.id),
          rechecked,
        ),
      );
      due.push(...page.filter((source) => cited.has(source.id)).map((source) => source.id));
      if (page.length < recheckPage) break;
      after = page.at(-1)!;
    }
    return due.slice(0, recheckBatch);
  }

  /**
   * The jobs that sources and checks pending since before `before` wait on:
   * the fetch of a source still `pending` (`source.fetch.<source id>`), and
   * the check of a quote or excerpt still `pending` although its source has
   * been fetched or has failed (`quote.check.<appearance id>`,
   * `excerpt.check.<evidence id>`). The ids are those the jobs were queued under.
   */
  async awaitedJobs(before: Date): Promise<AwaitedJob[]> {
    const sources = await this.sources.pendingFetchesBefore(before, sweepBatch);
    const targets = await this.pendingChecksBefore(before);
    return [
      ...sources.map((sourceId): AwaitedJob => ({ job: { name: 'source.fetch', data: { sourceId } }, key: sourceId })),
      ...targets.map((target): AwaitedJob =>
        target.kind === 'appearance'
          ? { job: { name: 'quote.check', data: { appearanceId: target.id } }, key: target.id }
          : { job: { name: 'excerpt.check', data: { evidenceId: target.id } }, key: target.id },
      ),
    ];
  }

  /**
   * Checks still `pending`, cited before `before`, whose source has a fetch
   * outcome: the fetch would have checked them, so what is left is the check
   * job queued when they cited a source already fetched. Oldest first, at
   * most {@link sweepBatch}; pages past checks waiting on a pending source.
   */
  private async pendingChecksBefore(before: Date): Promise<QuoteTarget[]> {
    const found: QuoteTarget[] = [];
    let after: { createdKey: string; checkId: string } | null = null;
    while (found.length < sweepBatch) {
      const page = await this.quoteChecks.pendingBefore(before, after, sweepBatch);
      const waiting = new Set(await this.sources.stillPending([...new Set(page.map((check) => check.sourceId))]));
      found.push(
        ...page.filter((check) => !waiting.has(check.sourceId)).map(({ kind, id }): QuoteTarget => ({ kind, id })),
      );
      if (page.length < sweepBatch) break;
      after = page.at(-1)!;
    }
    return found.slice(0, sweepBatch);
  }

  private async recordDocument(
    source: SourceToFetch,
    document: FetchedDocument,
    content: PageContent,
    fetchKey: string,
  ): Promise<FetchOutcome> {
    const current = await this.sources.lockForFetch(source.id, 'update');
    // Checked again under the lock: a run of the same job that overlapped this
    // one (its worker alive but its lock lost) may have written it meanwhile.
    if (await this.sources.snapshotWrittenBy(fetchKey)) {
      await this.checkQuotes(source.id, 'unchecked');
      return { outcome: 'already_done' };
    }
    const latest = await this.sources.latestSnapshot(source.id);
    const textSha256 = sha256(content.text);
    const read = { origin: 'fetch', page: content } as const;
    if (latest !== null && latest.textSha256 === textSha256) {
      await this.sources.markFetched(source.id, current === 'changed' ? 'changed' : 'fetched', read);
      const quotesChecked = await this.checkQuotes(source.id, 'unchecked');
      return { outcome: 'unchanged', snapshotId: latest.id, quotesChecked };
    }
    const changed = latest !== null;
    const status: FetchStatus = changed ? 'changed' : 'fetched';
    const snapshot = await this.sources.recordSnapshot(
      {
        sourceId: source.id,
        fetchKey,
        httpStatus: document.status,
        finalUrl: document.finalUrl,
        contentType: document.mediaType,
        headers: document.headers,
        sha256: sha256(document.body),
        textSha256,
        title: content.title,
        publisher: content.publisher,
        publishedAt: content.publishedAt,
        text: content.text,
      },
      status,
      read,
    );
    const data = {
      snapshotId: snapshot.id,
      previousSnapshotId: latest?.id ?? null,
      httpStatus: document.status,
      finalUrl: document.finalUrl,
      textLength: content.text.length,
    };
    await this.events.record({
      sourceId: source.id,
      actorId: null,
      action: changed ? 'source.changed' : 'source.fetched',
      fromStatus: current,
      toStatus: status,
      data,
    });
    if (changed) {
      const claims = await this.citations.claimsCiting(source.id);
      await this.events.recordMany(
        claims.map((claimId) => ({
          claimId,
          actorId: null,
          action: 'source.changed',
          data: { sourceId: source.id, url: source.url, ...data },
        })),
      );
    }
    const quotesChecked = await this.checkQuotes(source.id, changed ? 'all' : 'unchecked', snapshot.id, content.text);
    // Read under the source's lock, which a request for extraction also takes: one of the two queues the job.
    // Extraction is a job of its own: its failure cannot fail this fetch.
    if (await this.sources.extractsClaims(source.id)) {
      await this.outbox.enqueue(
        { name: 'source.extract', data: { sourceId: source.id } },
        { key: `${source.id}.${snapshot.id}` },
      );
    }
    return { outcome: 'snapshot', snapshotId: snapshot.id, changed, quotesChecked };
  }

  /**
   * Checks the quotes of appearances citing the source against its latest
   * snapshot (the one just written, when given). Returns how many it checked.
   */
  private async checkQuotes(
    sourceId: string,
    which: 'all' | 'unchecked',
    snapshotId?: string,
    text?: string,
  ): Promise<number> {
    const targets = await this.quoteChecks.citing(sourceId, which);
    if (targets.length === 0) return 0;
    const snapshot =
      snapshotId !== undefined && text !== undefined
        ? { id: snapshotId, text }
        : await this.sources.latestSnapshotText(sourceId);
    if (snapshot === null) return 0;
    for (const target of targets) await this.recordCheck(target, snapshot);
    return targets.length;
  }

  private async recordCheck(target: QuoteCheckRow, snapshot: { id: string; text: string }): Promise<void> {
    const match = checkQuote(target.quote, snapshot.text);
    await this.quoteChecks.record(target, snapshot.id, match);
    await this.events.record({
      claimId: target.claimId,
      actorId: null,
      action: checkedAction[target.kind],
      fromStatus: target.status,
      toStatus: match.status,
      data: { [`${target.kind}Id`]: target.id, snapshotId: snapshot.id, score: match.score },
    });
  }

  private async markUnavailable(sourceId: string): Promise<void> {
    const changed = await this.quoteChecks.markUnavailable(sourceId);
    await this.events.recordMany(
      changed.map((target) => ({
        claimId: target.claimId,
        actorId: null,
        action: checkedAction[target.kind],
        fromStatus: 'pending',
        toStatus: 'source_unavailable',
        data: { [`${target.kind}Id`]: target.id, sourceId },
      })),
    );
  }

  /**
   * Records a fetch that produced no document. Permanent failures, and
   * transient ones on the last attempt, turn the source `failed` and its
   * unchecked quotes `source_unavailable`; earlier transient failures are
   * noted and retried with backoff.
   */
  private async recordFailure(source: SourceToFetch, error: unknown, run: JobRun): Promise<never> {
    const failure =
      error instanceof FetchFailure
        ? error
        : error instanceof ExtractionFailure
          ? new FetchFailure('extraction_failed', true, error.message)
          : null;
    if (failure === null) throw error;
    const final = failure.permanent || run.finalAttempt;
    await this.db.transaction(async () => {
      const current = await this.sources.lockForFetch(source.id, 'update');
      await this.sources.markFailed(source.id, { code: failure.code, detail: failure.message }, final);
      if (!final) return;
      await this.events.record({
        sourceId: source.id,
        actorId: null,
        action: 'source.fetch_failed',
        fromStatus: current,
        toStatus: 'failed',
        data: { error: failure.code, detail: failure.message, attempt: run.attempt },
      });
      await this.markUnavailable(source.id);
    });
    this.logger.warn(
      `fetch of source ${source.id} failed (${failure.code}, attempt ${run.attempt}): ${failure.message}`,
    );
    // Retrying cannot fix a permanent failure: the worker gives up on it.
    if (failure.permanent) {
      throw new DomainError('unprocessable', 'source.fetch_failed', `${failure.code}: ${failure.message}`);
    }
    throw failure;
  }
}

/** The event each kind of check writes on the claim. */
const checkedAction: Record<QuoteTarget['kind'], EventAction> = {
  appearance: 'appearance.quote_checked',
  evidence: 'evidence.excerpt_checked',
};

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
