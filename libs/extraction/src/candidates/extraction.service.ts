import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@claimdesk/accounts';
import { ClaimsService } from '@claimdesk/claims';
import { DomainError } from '@claimdesk/errors';
import { EventLog } from '@claimdesk/events';
import { MatchingService } from '@claimdesk/matching';
import { Database } from '@claimdesk/persistence';
import { type AwaitedJob, JobOutbox, type JobRun } from '@claimdesk/queue';
import { SourcesService } from '@claimdesk/sources';
import { ClaimExtractor } from '../claim-extractor';
import type { ExtractedStatement } from '../statement';
import { decodeCandidateCursor, encodeCandidateCursor } from './candidate-cursor';
import type {
  CandidateMatchView,
  CandidatePage,
  CandidateView,
  ExtractionOutcome,
  ExtractionStateView,
  PromotionResult,
} from './candidate.views';
import {
  type CandidateRow,
  CandidatesRepository,
  extractionActions,
  type ExtractionStateRow,
} from './candidates.repository';
import { claimTextOf, extractionStateOf, pendingJobIdOf, toNewCandidates } from './extraction-state';

/** Matches shown per candidate, and the least score shown. */
const matchLimit = 3;
const matchMinScore = 0.5;
/** Match look-ups run this many at a time for a page of candidates. */
const matchConcurrency = 4;
/** Most pending extractions one sweep for lost jobs looks at. */
const sweepBatch = 500;
/** Sources with extraction on read at a time by the sweep. */
const extractingPage = 1000;

/**
 * Claim extraction as a workflow: extracts a source's latest snapshot into
 * candidate claims (the `source.extract` job), reports where extraction
 * stands, lists the candidates with the existing claims they match, and
 * promotes one to a claim.
 */
@Injectable()
export class ExtractionService {
  private readonly logger = new Logger(ExtractionService.name);

  constructor(
    private readonly db: Database,
    private readonly candidates: CandidatesRepository,
    private readonly extractor: ClaimExtractor,
    private readonly claims: ClaimsService,
    private readonly sources: SourcesService,
    private readonly matching: MatchingService,
    private readonly events: EventLog,
    private readonly outbox: JobOutbox,
  ) {}

  /**
   * The `source.extract` job: extracts the source's latest snapshot, unless
   * that was done already. The new candidates replace the unpromoted ones of
   * older snapshots; promoted ones stay. Idempotent: a second run for the
   * same snapshot changes nothing.
   */
  async extractLatest(sourceId: string, run: JobRun): Promise<ExtractionOutcome> {
    const state = await this.extractionState(sourceId);
    if (state === null) throw DomainError.notFound('source.not_found', `source ${sourceId} does not exist`);
    if (state.snapshotId === null) return { outcome: 'no_snapshot' };
    if (state.outcomeAction === extractionActions.extracted) {
      return { outcome: 'already_done', snapshotId: state.snapshotId };
    }
    const snapshot = await this.sources.latestSnapshotText(sourceId);
    if (snapshot === null) return { outcome: 'no_snapshot' };
    await run.progress(10);
    let statements: ExtractedStatement[];
    try {
      statements = this.extractor.extract(snapshot.text);
    } catch (error) {
      // The extractor is a pure function of the text: running it again would fail the same way.
      await this.recordFailure(sourceId, snapshot.id, error, run.attempt);
      throw new DomainError(
        'unprocessable',
        'extraction.failed',
        `extraction of snapshot ${snapshot.id} failed: ${(error as Error).message}`,
      );
    }
    await run.progress(60);
    try {
      const outcome = await this.db.transaction(async () => {
        const current = await this.extractionState(sourceId, true);
        if (current?.snapshotId !== snapshot.id) return { outcome: 'superseded', snapshotId: snapshot.id } as const;
        if (current.outcomeAction === extractionActions.extracted) {
          return { outcome: 'already_done', snapshotId: snapshot.id } as const;
        }
        const replaced = await this.candidates.dropUnpromotedExcept(sourceId, snapshot.id);
        const stored = await this.candidates.insertCandidates(
          sourceId,
          snapshot.id,
          toNewCandidates(snapshot.text, statements),
        );
        await this.events.record({
          sourceId,
          actorId: null,
          action: extractionActions.extracted,
          data: { snapshotId: snapshot.id, candidates: stored, statements: statements.length, replaced },
        });
        return { outcome: 'extracted', snapshotId: snapshot.id, candidates: stored, replaced } as const;
      });
      await run.progress(100);
      return outcome;
    } catch (error) {
      if (run.finalAttempt) await this.recordFailure(sourceId, snapshot.id, error, run.attempt);
      throw error;
    }
  }

  /**
   * Extraction asked for by a person: turns it on for the source and queues
   * the extraction of its latest snapshot unless it is done or under way (a
   * failed one is tried again). Without a snapshot, the fetch that stores
   * one queues it. Returns where extraction now stands.
   */
  async request(actorId: string, sourceId: string): Promise<ExtractionStateView> {
    return this.db.transaction(async () => {
      const before = await this.extractionState(sourceId, true);
      if (before === null) throw sourceNotFound(sourceId);
      const turnedOn = await this.sources.turnOnExtraction(sourceId);
      const status = extractionStateOf(before).status;
      let jobId: string | null = null;
      if (before.snapshotId !== null && (status === 'not_requested' || status === 'failed')) {
        // A failed job keeps its id (failed jobs are kept), so a retry needs an id of its own.
        jobId =
          status === 'failed'
            ? await this.outbox.enqueue({ name: 'source.extract', data: { sourceId } })
            : await this.outbox.enqueue(
                { name: 'source.extract', data: { sourceId } },
                { key: `${sourceId}.${before.snapshotId}` },
              );
      }
      if (turnedOn || jobId !== null) {
        await this.events.record({
          sourceId,
          actorId,
          action: extractionActions.requested,
          data: { snapshotId: before.snapshotId, jobId },
        });
      }
      return extractionStateOf((await this.extractionState(sourceId))!);
    });
  }

  /**
   * The jobs extractions pending since before `before` wait on: the one
   * queued for the source's latest snapshot when it was stored or asked for
   * (`source.extract.<source id>.<snapshot id>`). An extraction asked for
   * again after a failure runs under a job id of its own and is not among them.
   */
  async awaitedJobs(before: Date): Promise<AwaitedJob[]> {
    const pending = await this.pendingExtractionsBefore(before);
    return pending.map(({ sourceId, snapshotId }) => ({
      job: { name: 'source.extract', data: { sourceId } },
      key: `${sourceId}.${snapshotId}`,
    }));
  }

  /** Where extraction stands for the source's latest snapshot. */
  async state(sourceId: string): Promise<ExtractionStateView> {
    const row = await this.extractionState(sourceId);
    if (row === null) throw sourceNotFound(sourceId);
    return extractionStateOf(row);
  }

  /** The BullMQ id of the job a pending extraction waits on, or null when none is pending (or it awaits a fetch). */
  async pendingJobId(sourceId: string): Promise<string | null> {
    const row = await this.extractionState(sourceId);
    if (row === null) throw sourceNotFound(sourceId);
    return pendingJobIdOf(sourceId, row);
  }

  /**
   * The source's candidates, best first (score, then the extractor's rank),
   * each with the existing claims it matches, and where extraction stands.
   */
  async list(sourceId: string, cursor: string | undefined, limit: number): Promise<CandidatePage> {
    const after = cursor === undefined ? null : decodeCandidateCursor(cursor);
    const state = await this.extractionState(sourceId);
    if (state === null) throw sourceNotFound(sourceId);
    const rows = await this.candidates.listBestFirst(sourceId, after, limit + 1);
    const page = rows.slice(0, limit);
    const texts = await this.sources.snapshotTexts([...new Set(page.map((row) => row.snapshotId))]);
    const matches = await this.matchesOf(page);
    const last = page.at(-1);
    return {
      items: page.map((row, index) => toView(row, texts.get(row.snapshotId) ?? '', matches[index] ?? [])),
      nextCursor: rows.length > limit && last !== undefined ? encodeCandidateCursor(last) : null,
      extraction: extractionStateOf(state),
    };
  }

  /**
   * Submits the candidate as a claim: its text (without the comma a quote
   * breaks off at, "…budget," said X), its speaker as claimant
   * (unless unnamed or anonymous), and an appearance on the source quoting
   * its exact words, so that the quote check finds them in the snapshot. A
   * candidate is promoted once: the row lock makes a concurrent second
   * promotion wait for the first and return its claim.
   */
  async promote(actor: Principal, sourceId: string, candidateId: string): Promise<PromotionResult> {
    return this.db.transaction(async () => {
      if (!(await this.sources.exists(sourceId))) throw sourceNotFound(sourceId);
      const candidate = await this.candidates.lockCandidate(sourceId, candidateId);
      if (candidate === null) {
        throw DomainError.notFound('candidate.not_found', `Source ${sourceId} has no candidate ${candidateId}.`);
      }
      if (candidate.promotedClaimId !== null) return { created: false, claimId: candidate.promotedClaimId };
      const named = candidate.speakerAnonymous === false && candidate.speakerName !== null;
      const claim = await this.claims.submit(actor, {
        text: claimTextOf(candidate.text),
        ...(named
          ? {
              claimant: {
                name: candidate.speakerName!,
                ...(candidate.speakerRole === null ? {} : { role: candidate.speakerRole }),
              },
            }
          : {}),
        appearance: { sourceId, quote: candidate.text },
      });
      await this.candidates.markPromoted(candidate.id, claim.id);
      await this.events.record({
        claimId: claim.id,
        sourceId,
        actorId: actor.userId,
        action: 'candidate.promoted',
        data: {
          candidateId: candidate.id,
          snapshotId: candidate.snapshotId,
          kind: candidate.kind,
          score: candidate.score,
        },
      });
      return { created: true, claim };
    });
  }

  /**
   * The extraction state's inputs, or null for an unknown source. With
   * `lock`, the source row stays locked for the rest of the transaction, so
   * requests, extractions and fetches of one source take turns. The lock is
   * FOR NO KEY UPDATE: it leaves alone the key-share lock a claim's appearance
   * takes on its source, so promoting a candidate (which holds the candidate
   * row and then cites the source) never deadlocks with an extraction (which
   * holds the source and then drops candidates).
   */
  private async extractionState(sourceId: string, lock = false): Promise<ExtractionStateRow | null> {
    // Locked first, and read in statements of their own: a statement that waited for the lock would
    // still see the events and snapshots of the moment it started, not those the holder committed.
    if (lock && (await this.sources.lockForFetch(sourceId, 'no key update')) === null) return null;
    const facts = await this.sources.extractionFacts(sourceId);
    if (facts === null) return null;
    const outcome = (
      await this.events.latestOfSources(
        [sourceId],
        [extractionActions.extracted, extractionActions.failed],
        [facts.snapshotId],
      )
    ).get(sourceId);
    const request = (await this.events.latestOfSources([sourceId], [extractionActions.requested])).get(sourceId);
    const jobId = request?.data.jobId;
    return {
      ...facts,
      outcomeId: outcome?.id ?? null,
      outcomeAction: (outcome?.action as ExtractionStateRow['outcomeAction'] | undefined) ?? null,
      outcomeAt: outcome?.at ?? null,
      requestId: request?.id ?? null,
      requestJobId: typeof jobId === 'string' ? jobId : null,
    };
  }

  /**
   * Sources with extraction on whose latest snapshot has no outcome (neither
   * extracted nor failed), stored and last asked for before `before`, oldest
   * first, at most {@link sweepBatch}: the snapshot's extraction job should
   * have ended by then. Reads the sources a page at a time, each page's
   * events in two statements.
   */
  private async pendingExtractionsBefore(before: Date): Promise<{ sourceId: string; snapshotId: string }[]> {
    const pending: { sourceId: string; snapshotId: string; since: number }[] = [];
    let afterId: string | null = null;
    for (;;) {
      const page = await this.sources.extractingSources(afterId, extractingPage);
      if (page.length === 0) break;
      const ids = page.map((row) => row.sourceId);
      const outcomes = await this.events.latestOfSources(
        ids,
        [extractionActions.extracted, extractionActions.failed],
        page.map((row) => row.snapshotId),
      );
      const requests = await this.events.latestOfSources(ids, [extractionActions.requested]);
      for (const row of page) {
        const since = Math.max(row.fetchedAt.getTime(), requests.get(row.sourceId)?.at.getTime() ?? -Infinity);
        if (since < before.getTime() && !outcomes.has(row.sourceId)) pending.push({ ...row, since });
      }
      if (page.length < extractingPage) break;
      afterId = page.at(-1)!.sourceId;
    }
    return pending
      .sort((a, b) => a.since - b.since || (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0))
      .slice(0, sweepBatch)
      .map(({ sourceId, snapshotId }) => ({ sourceId, snapshotId }));
  }

  private async recordFailure(sourceId: string, snapshotId: string, error: unknown, attempt: number): Promise<void> {
    const detail = error instanceof Error ? error.message : String(error);
    this.logger.warn(`extraction of source ${sourceId} (snapshot ${snapshotId}) failed: ${detail}`);
    await this.db.transaction(async () => {
      const current = await this.extractionState(sourceId, true);
      // Another run finished this snapshot meanwhile: its outcome stands.
      if (current?.outcomeAction === extractionActions.extracted && current.snapshotId === snapshotId) return;
      await this.events.record({
        sourceId,
        actorId: null,
        action: extractionActions.failed,
        data: { snapshotId, error: detail.slice(0, 1000), attempt },
      });
    });
  }

  /** The matches of each candidate, a few look-ups at a time; a candidate promoted to a claim does not match it. */
  private async matchesOf(rows: readonly CandidateRow[]): Promise<CandidateMatchView[][]> {
    const results: CandidateMatchView[][] = [];
    for (let from = 0; from < rows.length; from += matchConcurrency) {
      const batch = rows.slice(from, from + matchConcurrency);
      results.push(
        ...(await Promise.all(
          batch.map(async (row) => {
            const found = await this.matching.match(row.text, {
              limit: matchLimit,
              minScore: matchMinScore,
              ...(row.promotedClaimId === null ? {} : { excludeId: row.promotedClaimId }),
            });
            return found
              .filter((match) => match.score >= matchMinScore)
              .slice(0, matchLimit)
              .map((match): CandidateMatchView => ({
                claim: {
                  id: match.claim.id,
                  text: match.claim.text,
                  status: match.claim.status,
                  rating: match.claim.rating,
                  ratingName: match.claim.ratingName,
                },
                score: match.score,
                reason: match.reason,
              }));
          }),
        )),
      );
    }
    return results;
  }
}

function sourceNotFound(id: string): DomainError {
  return DomainError.notFound('source.not_found', `No source has the id ${id}.`);
}

function toView(row: CandidateRow, snapshotText: string, matches: CandidateMatchView[]): CandidateView {
  return {
    id: row.id,
    text: row.text,
    kind: row.kind,
    quote: row.kind === 'quote',
    speaker:
      row.speakerAnonymous === null
        ? null
        : { name: row.speakerName, role: row.speakerRole, anonymous: row.speakerAnonymous },
    start: row.start,
    end: row.end,
    sentence: {
      start: row.sentenceStart,
      end: row.sentenceEnd,
      text: snapshotText.slice(row.sentenceStart, row.sentenceEnd),
    },
    snapshotId: row.snapshotId,
    score: row.score,
    features: row.features,
    matches,
    promotedClaimId: row.promotedClaimId,
    createdAt: row.createdAt,
  };
}
