import { randomBytes } from 'node:crypto';
import { AccountsModule, type Principal } from '@claimdesk/accounts';
import { ClaimsService } from '@claimdesk/claims';
import type { Database } from '@claimdesk/persistence';
import { SourcesModule, SourcesService } from '@claimdesk/sources';
import { aJobRun, aPrincipal, rejectionOf, useTestContext } from '@claimdesk/testing';
import { ClaimExtractor } from '../claim-extractor';
import type { CandidateView } from './candidate.views';
import { CandidatesModule } from './candidates.module';
import { ExtractionService } from './extraction.service';

/** A short news article of our own, with named, pronoun-attributed and anonymous speakers. */
const article = [
  "Riverton's harbour council voted on Tuesday to raise ferry fares by 12 percent from April, the second increase in two years.",
  '"The ferry service lost 3.4 million euros last year, and we cannot keep covering that from the harbour budget," said Ingrid Hallsten, the council\'s finance director.',
  'Commuter groups disputed the figures. "Ridership has grown every year since 2019, so the losses are a choice, not a necessity," said Tomas Berg, chair of the Riverton Commuters\' Association.',
  'A senior official at the transport ministry, who asked not to be named, said the government would not cover the shortfall.',
  "According to the council's own report, fares in Riverton are already the highest of any ferry route in the region.",
  'Mayor Lena Ostrom told reporters that discounts for students and pensioners would stay. "Nobody who depends on the ferry to reach a hospital will pay more," she said.',
].join('\n\n');

/** The same article a day later: one quote corrected, a paragraph added. */
const correctedArticle = [
  article.replace('3.4 million euros', '2.9 million euros'),
  'The council will review the fares again in October, Hallsten said.',
].join('\n\n');

interface CandidateRow {
  id: string;
  snapshot_id: string;
  kind: string;
  text: string;
  start: number;
  end: number;
  score: number;
  rank: number;
  promoted_claim_id: string | null;
}

describe('ExtractionService against PostgreSQL', () => {
  const context = useTestContext([CandidatesModule, SourcesModule, AccountsModule]);
  let extraction: ExtractionService;
  let sources: SourcesService;
  let db: Database;
  let reviewer: Principal;

  beforeAll(async () => {
    extraction = context.get(ExtractionService);
    sources = context.get(SourcesService);
    db = context.db;
    reviewer = await aPrincipal(context.app, { name: 'Rae Reviewer', role: 'reviewer' });
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  /** A job run of the given attempt, as the worker hands it to a handler. */
  const aRun = (finalAttempt = false) => aJobRun('source.extract', finalAttempt ? { attempt: 5, finalAttempt } : {});

  async function anArticle(text = article, extractClaims = true): Promise<string> {
    const { source } = await sources.register(reviewer.userId, {
      url: `https://news.example.org/${randomBytes(5).toString('hex')}/ferry-fares`,
      title: 'Ferry fares to rise 12 percent',
      text,
      extractClaims,
    });
    return source.id;
  }

  async function extracted(text = article): Promise<string> {
    const sourceId = await anArticle(text);
    await extraction.extractLatest(sourceId, aRun());
    return sourceId;
  }

  const rowsOf = (sourceId: string): Promise<CandidateRow[]> =>
    db.manager.query<CandidateRow[]>(
      `SELECT id, snapshot_id, kind, text, start, "end", score, rank, promoted_claim_id
         FROM claim_candidates WHERE source_id = $1 ORDER BY snapshot_id, rank`,
      [sourceId],
    );

  const eventsOf = (sourceId: string) =>
    db.manager.query<{ action: string; data: Record<string, unknown> }[]>(
      `SELECT action, data FROM events WHERE source_id = $1 ORDER BY id`,
      [sourceId],
    );

  const extractJobsOf = (sourceId: string) =>
    db.manager.query<{ job_id: string }[]>(
      `SELECT job_id FROM outbox_job WHERE name = 'source.extract' AND data->>'sourceId' = $1 ORDER BY id`,
      [sourceId],
    );

  const latestSnapshotOf = async (sourceId: string): Promise<{ id: string; text: string }> => {
    const [row] = await db.manager.query<{ id: string; text: string }[]>(
      `SELECT id, text FROM source_snapshots WHERE source_id = $1 ORDER BY fetched_at DESC, id DESC LIMIT 1`,
      [sourceId],
    );
    return row!;
  };

  const allCandidates = async (sourceId: string): Promise<CandidateView[]> =>
    (await extraction.list(sourceId, undefined, 100)).items;

  describe('requesting extraction', () => {
    it('queues an extraction keyed to the snapshot when a source is registered with text and extractClaims', async () => {
      const sourceId = await anArticle();
      const snapshot = await latestSnapshotOf(sourceId);

      expect(await extractJobsOf(sourceId)).toEqual([{ job_id: `source.extract.${sourceId}.${snapshot.id}` }]);
      expect(await extraction.state(sourceId)).toEqual({ status: 'pending', snapshotId: snapshot.id, at: null });
      expect(await extraction.pendingJobId(sourceId)).toBe(`source.extract.${sourceId}.${snapshot.id}`);
      expect((await eventsOf(sourceId)).map((event) => event.action)).toEqual([
        'source.created',
        'source.snapshot_added',
        'source.extraction_requested',
      ]);
    });

    it('is not requested for a source registered without extractClaims, until someone asks', async () => {
      const sourceId = await anArticle(article, false);
      const snapshot = await latestSnapshotOf(sourceId);
      expect(await extraction.state(sourceId)).toEqual({ status: 'not_requested', snapshotId: null, at: null });
      expect(await extractJobsOf(sourceId)).toEqual([]);

      const state = await extraction.request(reviewer.userId, sourceId);

      expect(state).toEqual({ status: 'pending', snapshotId: snapshot.id, at: null });
      expect(await extractJobsOf(sourceId)).toEqual([{ job_id: `source.extract.${sourceId}.${snapshot.id}` }]);
      const [flag] = await db.manager.query<{ extract_claims: boolean }[]>(
        `SELECT extract_claims FROM sources WHERE id = $1`,
        [sourceId],
      );
      expect(flag!.extract_claims).toBe(true);
    });

    it('queues nothing more while pending or once done, and refuses an unknown source', async () => {
      const sourceId = await anArticle();
      await extraction.request(reviewer.userId, sourceId);
      expect(await extractJobsOf(sourceId)).toHaveLength(1);

      await extraction.extractLatest(sourceId, aRun());
      const state = await extraction.request(reviewer.userId, sourceId);

      expect(state.status).toBe('done');
      expect(await extractJobsOf(sourceId)).toHaveLength(1);
      const refusal = await rejectionOf(extraction.request(reviewer.userId, '0b7f3c52-8d1e-4e6a-9c2b-5f4d3e2a1b0c'));
      expect(refusal).toMatchObject({ kind: 'not_found', code: 'source.not_found' });
    });

    it('waits for the first snapshot of a source that has none, and has nothing to extract meanwhile', async () => {
      const { source } = await sources.register(reviewer.userId, {
        url: `https://news.example.org/${randomBytes(5).toString('hex')}/not-fetched-yet`,
        extractClaims: true,
      });

      expect(await extraction.state(source.id)).toEqual({ status: 'pending', snapshotId: null, at: null });
      expect(await extractJobsOf(source.id)).toEqual([]);
      expect(await extraction.extractLatest(source.id, aRun())).toEqual({ outcome: 'no_snapshot' });
    });
  });

  describe('extracting', () => {
    it('stores candidates best first, with speakers and offsets into the snapshot text, and records the outcome', async () => {
      const sourceId = await anArticle();
      const snapshot = await latestSnapshotOf(sourceId);

      const outcome = await extraction.extractLatest(sourceId, aRun());

      const candidates = await allCandidates(sourceId);
      expect(outcome).toEqual({
        outcome: 'extracted',
        snapshotId: snapshot.id,
        candidates: candidates.length,
        replaced: 0,
      });
      expect(candidates.length).toBeGreaterThanOrEqual(3);
      const scores = candidates.map((candidate) => candidate.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const candidate of candidates) {
        expect(snapshot.text.slice(candidate.start, candidate.end)).toBe(candidate.text);
        expect(candidate.sentence.text).toBe(snapshot.text.slice(candidate.sentence.start, candidate.sentence.end));
        expect(candidate.sentence.text).toContain(candidate.text);
        expect(candidate.quote).toBe(candidate.kind === 'quote');
        expect(candidate.snapshotId).toBe(snapshot.id);
        expect(candidate.promotedClaimId).toBeNull();
      }
      const quoted = candidates.filter((candidate) => candidate.kind === 'quote');
      expect(quoted.map((candidate) => candidate.speaker?.name)).toEqual(
        expect.arrayContaining(['Ingrid Hallsten', 'Tomas Berg']),
      );
      const state = await extraction.state(sourceId);
      expect(state).toMatchObject({ status: 'done', snapshotId: snapshot.id });
      expect(state.at).toBeInstanceOf(Date);
      expect((await eventsOf(sourceId)).at(-1)).toMatchObject({
        action: 'source.claims_extracted',
        data: { snapshotId: snapshot.id, candidates: candidates.length, replaced: 0 },
      });
    });

    it('changes nothing when run again for the same snapshot', async () => {
      const sourceId = await extracted();
      const rows = await rowsOf(sourceId);
      const events = await eventsOf(sourceId);

      const again = await extraction.extractLatest(sourceId, aRun());
      const concurrent = await Promise.all([
        extraction.extractLatest(sourceId, aRun()),
        extraction.extractLatest(sourceId, aRun()),
      ]);

      expect(again).toEqual({ outcome: 'already_done', snapshotId: rows[0]!.snapshot_id });
      expect(concurrent.map((outcome) => outcome.outcome)).toEqual(['already_done', 'already_done']);
      expect(await rowsOf(sourceId)).toEqual(rows);
      expect(await eventsOf(sourceId)).toEqual(events);
    });

    it('extracts a snapshot once when two runs of it overlap', async () => {
      const sourceId = await anArticle();

      const outcomes = await Promise.all([
        extraction.extractLatest(sourceId, aRun()),
        extraction.extractLatest(sourceId, aRun()),
      ]);

      expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual(['already_done', 'extracted']);
      const rows = await rowsOf(sourceId);
      expect(new Set(rows.map((row) => `${row.kind}:${row.start}:${row.end}`)).size).toBe(rows.length);
      expect((await eventsOf(sourceId)).filter((event) => event.action === 'source.claims_extracted')).toHaveLength(1);
    });

    it('replaces the unpromoted candidates of an older snapshot and keeps the promoted ones', async () => {
      const sourceId = await extracted();
      const first = await allCandidates(sourceId);
      const kept = first.find((candidate) => candidate.text.includes('Ridership has grown'))!;
      expect(kept).toBeDefined();
      const promotion = await extraction.promote(reviewer, sourceId, kept.id);
      expect(promotion.created).toBe(true);

      await sources.register(reviewer.userId, {
        url: (await context.get(SourcesService).get(sourceId)).url,
        text: correctedArticle,
      });
      const newer = await latestSnapshotOf(sourceId);
      const jobs = await extractJobsOf(sourceId);
      expect(jobs.at(-1)).toEqual({ job_id: `source.extract.${sourceId}.${newer.id}` });
      expect(await extraction.state(sourceId)).toEqual({ status: 'pending', snapshotId: newer.id, at: null });

      const outcome = await extraction.extractLatest(sourceId, aRun());

      const second = await allCandidates(sourceId);
      expect(outcome).toMatchObject({ outcome: 'extracted', snapshotId: newer.id, replaced: first.length - 1 });
      expect(second.filter((candidate) => candidate.snapshotId !== newer.id).map((candidate) => candidate.id)).toEqual([
        kept.id,
      ]);
      // The promoted statement stands for itself: the new snapshot's copy of it is not added again.
      expect(second.filter((candidate) => candidate.text === kept.text)).toHaveLength(1);
      expect(second.find((candidate) => candidate.id === kept.id)!.promotedClaimId).toBe(
        promotion.created ? promotion.claim.id : null,
      );
      expect(second.some((candidate) => candidate.text.includes('2.9 million euros'))).toBe(true);
      expect(second.some((candidate) => candidate.text.includes('3.4 million euros'))).toBe(false);
      const newText = (await latestSnapshotOf(sourceId)).text;
      for (const candidate of second.filter((item) => item.snapshotId === newer.id)) {
        expect(newText.slice(candidate.start, candidate.end)).toBe(candidate.text);
      }
    });

    it('records a failure of the extractor at once, without retrying, and a request tries again', async () => {
      const sourceId = await anArticle();
      const snapshot = await latestSnapshotOf(sourceId);
      jest.spyOn(context.get(ClaimExtractor), 'extract').mockImplementationOnce(() => {
        throw new Error('the segmenter tripped');
      });

      await expect(extraction.extractLatest(sourceId, aRun())).rejects.toMatchObject({
        kind: 'unprocessable',
        code: 'extraction.failed',
      });

      const failed = await extraction.state(sourceId);
      expect(failed).toMatchObject({ status: 'failed', snapshotId: snapshot.id });
      expect((await eventsOf(sourceId)).at(-1)).toMatchObject({
        action: 'source.extraction_failed',
        data: { snapshotId: snapshot.id, error: 'the segmenter tripped' },
      });
      expect(await rowsOf(sourceId)).toEqual([]);

      const retried = await extraction.request(reviewer.userId, sourceId);

      expect(retried).toEqual({ status: 'pending', snapshotId: snapshot.id, at: null });
      const jobs = await extractJobsOf(sourceId);
      expect(jobs).toHaveLength(2);
      expect(jobs[1]!.job_id).not.toBe(jobs[0]!.job_id);
      expect(await extraction.pendingJobId(sourceId)).toBe(jobs[1]!.job_id);
      await extraction.extractLatest(sourceId, aRun());
      expect((await extraction.state(sourceId)).status).toBe('done');
    });

    it('records a failure of the database only on the final attempt', async () => {
      const sourceId = await anArticle();
      jest.spyOn(db, 'transaction').mockRejectedValueOnce(new Error('connection reset'));

      await expect(extraction.extractLatest(sourceId, aRun(false))).rejects.toThrow('connection reset');
      expect((await extraction.state(sourceId)).status).toBe('pending');

      jest.spyOn(db, 'transaction').mockRejectedValueOnce(new Error('connection reset'));
      await expect(extraction.extractLatest(sourceId, aRun(true))).rejects.toThrow('connection reset');
      expect((await extraction.state(sourceId)).status).toBe('failed');
    });
  });

  describe('listing', () => {
    it('pages best first with a cursor, never skipping or repeating a candidate', async () => {
      const sourceId = await extracted();
      const all = await allCandidates(sourceId);

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await extraction.list(sourceId, cursor, 2);
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((candidate) => candidate.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);

      expect(seen).toEqual(all.map((candidate) => candidate.id));
    });

    it('lists an existing claim a candidate repeats among its matches', async () => {
      const sourceId = await extracted();
      const [best] = await allCandidates(sourceId);
      const earlier = await context.get(ClaimsService).submit(reviewer, { text: best!.text });

      const [listed] = (await extraction.list(sourceId, undefined, 1)).items;

      expect(listed!.matches[0]).toMatchObject({
        claim: { id: earlier.id, text: best!.text, status: 'submitted', rating: null, ratingName: null },
        score: 1,
        reason: 'exact',
      });
      expect(listed!.matches.length).toBeLessThanOrEqual(3);
      expect(listed!.matches.every((match) => match.score >= 0.5)).toBe(true);
    });

    it('refuses a cursor it did not give out, and an unknown source', async () => {
      const sourceId = await extracted();

      expect(await rejectionOf(extraction.list(sourceId, 'not-a-cursor', 10))).toMatchObject({
        kind: 'invalid',
        code: 'cursor.invalid',
      });
      expect(await rejectionOf(extraction.list('0b7f3c52-8d1e-4e6a-9c2b-5f4d3e2a1b0c', undefined, 10))).toMatchObject({
        kind: 'not_found',
        code: 'source.not_found',
      });
    });
  });

  describe('promoting', () => {
    it('submits the quote as a claim by its speaker, citing the source with its exact words', async () => {
      const sourceId = await extracted();
      const candidate = (await allCandidates(sourceId)).find(
        (item) => item.kind === 'quote' && item.speaker?.name === 'Ingrid Hallsten',
      )!;

      const result = await extraction.promote(reviewer, sourceId, candidate.id);

      if (!result.created) throw new Error('expected a new claim');
      expect(candidate.text).toMatch(/budget,$/);
      expect(result.claim).toMatchObject({
        text: candidate.text.slice(0, -1),
        status: 'submitted',
        claimant: { name: 'Ingrid Hallsten', role: candidate.speaker!.role },
        appearances: [{ sourceId, quote: candidate.text, quoteCheck: { status: 'pending' } }],
      });
      const [row] = (await rowsOf(sourceId)).filter((item) => item.id === candidate.id);
      expect(row!.promoted_claim_id).toBe(result.claim.id);
      const [event] = await db.manager.query<{ action: string; source_id: string; data: Record<string, unknown> }[]>(
        `SELECT action, source_id, data FROM events WHERE claim_id = $1 AND action = 'candidate.promoted'`,
        [result.claim.id],
      );
      expect(event).toMatchObject({ source_id: sourceId, data: { candidateId: candidate.id, kind: 'quote' } });
      const [job] = await db.manager.query<{ name: string }[]>(
        `SELECT name FROM outbox_job WHERE data->>'appearanceId' = $1`,
        [result.claim.appearances[0]!.id],
      );
      expect(job).toEqual({ name: 'quote.check' });
    });

    it('submits a statement without a speaker, or by an anonymous one, without a claimant', async () => {
      const sourceId = await extracted();
      const unnamed = (await allCandidates(sourceId)).filter((item) => item.speaker === null || item.speaker.anonymous);
      expect(unnamed.length).toBeGreaterThan(0);

      for (const candidate of unnamed) {
        const result = await extraction.promote(reviewer, sourceId, candidate.id);
        if (!result.created) throw new Error('expected a new claim');
        expect(result.claim.claimant).toBeNull();
      }
    });

    it('promotes a candidate once, however many promote it at the same time', async () => {
      const sourceId = await extracted();
      const [candidate] = await allCandidates(sourceId);
      const countClaims = async () =>
        Number((await db.manager.query<{ n: string }[]>(`SELECT count(*) AS n FROM claims`))[0]!.n);
      const before = await countClaims();

      const results = await Promise.all(
        Array.from({ length: 6 }, () => extraction.promote(reviewer, sourceId, candidate!.id)),
      );

      const created = results.filter((result) => result.created);
      expect(created).toHaveLength(1);
      const claimId = created[0]!.created ? created[0]!.claim.id : '';
      expect(results.map((result) => (result.created ? result.claim.id : result.claimId))).toEqual(
        Array(6).fill(claimId),
      );
      expect(await countClaims()).toBe(before + 1);
      expect(await extraction.promote(reviewer, sourceId, candidate!.id)).toEqual({ created: false, claimId });
    });

    it('refuses an unknown source, an unknown candidate and a candidate of another source', async () => {
      const sourceId = await extracted();
      const otherId = await extracted();
      const [theirs] = await allCandidates(otherId);

      expect(
        await rejectionOf(extraction.promote(reviewer, '0b7f3c52-8d1e-4e6a-9c2b-5f4d3e2a1b0c', theirs!.id)),
      ).toMatchObject({ kind: 'not_found', code: 'source.not_found' });
      expect(
        await rejectionOf(extraction.promote(reviewer, sourceId, '0b7f3c52-8d1e-4e6a-9c2b-5f4d3e2a1b0c')),
      ).toMatchObject({ kind: 'not_found', code: 'candidate.not_found' });
      expect(await rejectionOf(extraction.promote(reviewer, sourceId, theirs!.id))).toMatchObject({
        kind: 'not_found',
        code: 'candidate.not_found',
      });
    });
  });
});
