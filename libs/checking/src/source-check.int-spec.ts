import { createHash, randomBytes } from 'node:crypto';
import { Module } from '@nestjs/common';
import { AccountsModule, type Principal } from '@claimdesk/accounts';
import { type ClaimView, ClaimsModule, ClaimsService } from '@claimdesk/claims';
import { DomainError } from '@claimdesk/errors';
import { FetchFailure } from '@claimdesk/fetcher';
import type { Database } from '@claimdesk/persistence';
import { QueueRegistry } from '@claimdesk/queue';
import { ReviewsModule } from '@claimdesk/reviews';
import { type SourceInput, SourcesModule, SourcesService, type SourceView } from '@claimdesk/sources';
import {
  aClaim,
  aJobRun,
  aPrincipal,
  type FixtureArticle,
  fixtureArticle,
  fixtureArticleHtml,
  fixturePdfText,
  fixturePdfTitle,
  fixturePlainText,
  type FixtureSite,
  ManualRelay,
  ManualRelayModule,
  startFixtureSite,
  useTestContext,
} from '@claimdesk/testing';
import { CheckingModule } from './checking.module';
import { SourceCheckService } from './source-check.service';

/** A first attempt of a fetch job, recording the progress it reports. */
const aRun = (overrides: Parameters<typeof aJobRun>[1] = {}) => aJobRun('source.fetch', overrides);

interface EventTableRow {
  claim_id: string | null;
  source_id: string | null;
  actor_id: string | null;
  action: string;
  from_status: string | null;
  to_status: string | null;
  data: Record<string, unknown>;
}

interface AppearanceRow {
  quote_status: string;
  quote_score: number | null;
  quote_snapshot_id: string | null;
}

interface OutboxRow {
  id: string;
  job_id: string;
  queue: string;
  name: string;
  data: Record<string, unknown>;
}

/** Checking as the worker registers it, told of citations by reviews. */
@Module({ imports: [CheckingModule.register({ imports: [ReviewsModule] })] })
class CheckingTestModule {}

const hex = (bytes = 5): string => randomBytes(bytes).toString('hex');
const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const hoursBefore = (date: Date, hours: number): Date => new Date(date.getTime() - hours * 60 * 60 * 1000);

describe('SourceCheckService against PostgreSQL and the fixture site', () => {
  let site: FixtureSite;
  let checks: SourceCheckService;
  let sources: SourcesService;
  let claims: ClaimsService;
  let db: Database;
  let actor: Principal;

  beforeAll(async () => {
    site = await startFixtureSite();
  });
  afterAll(async () => {
    await site?.close();
  });
  // On PostgreSQL only: nothing here goes through a queue but the outbox table. The manual relay is for the test that relays.
  const context = useTestContext([CheckingTestModule, ClaimsModule, SourcesModule, AccountsModule, ManualRelayModule], {
    env: () => ({ FETCH_ALLOWED_HOSTS: site.host }),
  });

  beforeAll(async () => {
    checks = context.get(SourceCheckService);
    sources = context.get(SourcesService);
    claims = context.get(ClaimsService);
    db = context.db;
    actor = await aPrincipal(context.app, { name: 'Chen Checker' });
  });

  // ----- helpers -------------------------------------------------------------

  /** Registers a source at a path of the fixture site (pending, not fetched). */
  async function aSource(path: string, input: Partial<SourceInput> = {}): Promise<SourceView> {
    const { source, created } = await sources.register(actor.userId, { url: site.url(path), ...input });
    expect(created).toBe(true);
    return source;
  }

  /** Submits a claim whose appearance cites `url` with `quote`. */
  function aClaimCiting(url: string, quote?: string): Promise<ClaimView> {
    return claims.submit(actor, aClaim({ appearance: quote === undefined ? { url } : { url, quote } }));
  }

  const appearanceId = (claim: ClaimView): string => claim.appearances[0]!.id;

  async function appearance(id: string): Promise<AppearanceRow> {
    const [row] = await db.manager.query<AppearanceRow[]>(
      `SELECT status AS quote_status, score AS quote_score, snapshot_id AS quote_snapshot_id
         FROM quote_checks WHERE appearance_id = $1`,
      [id],
    );
    return row!;
  }

  const quoteStatuses = async (ids: readonly string[]): Promise<string[]> => {
    const rows = await db.manager.query<{ id: string; quote_status: string }[]>(
      `SELECT appearance_id AS id, status AS quote_status FROM quote_checks WHERE appearance_id = ANY($1)`,
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.id, row.quote_status]));
    return ids.map((id) => byId.get(id) ?? 'missing');
  };

  const sourceEvents = (sourceId: string): Promise<EventTableRow[]> =>
    db.manager.query<EventTableRow[]>(
      `SELECT claim_id, source_id, actor_id, action, from_status, to_status, data
         FROM events WHERE source_id = $1 ORDER BY id`,
      [sourceId],
    );

  const claimEvents = (claimId: string): Promise<EventTableRow[]> =>
    db.manager.query<EventTableRow[]>(
      `SELECT claim_id, source_id, actor_id, action, from_status, to_status, data
         FROM events WHERE claim_id = $1 ORDER BY id`,
      [claimId],
    );

  const actionsOf = (events: readonly EventTableRow[]): string[] => events.map((event) => event.action);

  /** The error `promise` rejects with; fails the test if it resolves. */
  async function failureOf(promise: Promise<unknown>): Promise<Error> {
    try {
      await promise;
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected the fetch to fail');
  }

  /** An article served at a path of its own, with the given paragraphs. */
  const articleWith = (path: string, base: number, text: string[]): FixtureArticle => ({
    ...fixtureArticle(base),
    path,
    text,
  });

  // ----- fetchSource ---------------------------------------------------------

  describe('fetchSource', () => {
    it('queues the extraction of a new snapshot of a source that extracts claims, and of no other', async () => {
      const extracting = await aSource(`/articles/${700 + Math.floor(Math.random() * 100)}?e=${hex()}`, {
        extractClaims: true,
      });
      const plain = await aSource(`/articles/${800 + Math.floor(Math.random() * 100)}?p=${hex()}`);
      const extractJobsOf = (sourceId: string) =>
        db.manager.query<{ job_id: string }[]>(
          `SELECT job_id FROM outbox_job WHERE name = 'source.extract' AND data->>'sourceId' = $1`,
          [sourceId],
        );

      const outcome = await checks.fetchSource(extracting.id, aRun());
      await checks.fetchSource(plain.id, aRun());
      // A re-fetch that finds the same text stores no snapshot, so it queues nothing more.
      await checks.fetchSource(extracting.id, aRun());

      const snapshotId = (outcome as { snapshotId: string }).snapshotId;
      expect(await extractJobsOf(extracting.id)).toEqual([{ job_id: `source.extract.${extracting.id}.${snapshotId}` }]);
      expect(await extractJobsOf(plain.id)).toEqual([]);
    });

    it('archives a first fetch as a snapshot, fills in the source, and checks the pending quotes', async () => {
      const article = fixtureArticle(101);
      const source = await aSource(article.path);
      const claim = await aClaimCiting(source.url, article.quote);
      const run = aRun();

      const outcome = await checks.fetchSource(source.id, run);

      expect(outcome).toEqual({
        outcome: 'snapshot',
        snapshotId: expect.any(String) as string,
        changed: false,
        quotesChecked: 1,
      });
      const snapshotId = (outcome as { snapshotId: string }).snapshotId;
      const snapshot = await sources.getSnapshot(source.id, snapshotId);
      expect(snapshot).toMatchObject({
        sourceId: source.id,
        httpStatus: 200,
        finalUrl: site.url(article.path),
        contentType: 'text/html',
        sha256: sha256(fixtureArticleHtml(article)),
        textSha256: sha256(snapshot.text),
        textLength: snapshot.text.length,
        title: article.title,
        publisher: article.publisher,
        publishedAt: new Date(article.publishedAt),
      });
      expect(snapshot.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8', 'content-language': 'en' });
      expect(snapshot.headers).not.toHaveProperty('x-fixture-route');
      // The article's paragraphs, one per block; none of the navigation, aside or footer.
      for (const paragraph of article.text) expect(snapshot.text).toContain(paragraph);
      expect(snapshot.text).toContain(`${article.text[0]}\n\n${article.text[1]}`);
      expect(snapshot.text).not.toMatch(/Most read|Advertisement|All rights reserved|Privacy policy/);

      const fetched = await sources.get(source.id);
      expect(fetched).toMatchObject({
        fetchStatus: 'fetched',
        title: article.title,
        publisher: article.publisher,
        publishedAt: new Date(article.publishedAt),
        error: null,
        errorDetail: null,
        fetchAttempts: 1,
      });
      expect(fetched.lastFetchedAt).toBeInstanceOf(Date);
      expect(fetched.lastAttemptAt).toBeInstanceOf(Date);
      expect(fetched.snapshots.map((summary) => summary.id)).toEqual([snapshotId]);

      const events = await sourceEvents(source.id);
      expect(actionsOf(events)).toEqual(['source.created', 'source.fetched']);
      expect(events[1]).toEqual({
        claim_id: null,
        source_id: source.id,
        actor_id: null,
        action: 'source.fetched',
        from_status: 'pending',
        to_status: 'fetched',
        data: {
          snapshotId,
          previousSnapshotId: null,
          httpStatus: 200,
          finalUrl: site.url(article.path),
          textLength: snapshot.text.length,
        },
      });

      expect(await appearance(appearanceId(claim))).toEqual({
        quote_status: 'found',
        quote_score: 1,
        quote_snapshot_id: snapshotId,
      });
      const onClaim = await claimEvents(claim.id);
      expect(actionsOf(onClaim)).toEqual(['claim.submitted', 'appearance.quote_checked']);
      expect(onClaim[1]).toMatchObject({
        actor_id: null,
        from_status: 'pending',
        to_status: 'found',
        data: { appearanceId: appearanceId(claim), snapshotId, score: 1 },
      });

      expect(run.reported).toEqual([10, 50, 75, 100]);
      expect(run.reported.at(-1)).toBe(100);
    });

    it('follows redirects: the snapshot names the URL that answered', async () => {
      const article = fixtureArticle(102);
      const source = await aSource(`/redirect/2${article.path}`);

      const outcome = await checks.fetchSource(source.id, aRun());

      const snapshot = await sources.getSnapshot(source.id, (outcome as { snapshotId: string }).snapshotId);
      expect(snapshot.finalUrl).toBe(site.url(article.path));
      expect(snapshot.title).toBe(article.title);
    });

    it('keeps the title and publisher the submitter gave, filling in only what was missing', async () => {
      const article = fixtureArticle(103);
      const source = await aSource(article.path, { title: 'Title as submitted', publisher: 'Publisher as submitted' });

      const outcome = await checks.fetchSource(source.id, aRun());

      expect(await sources.get(source.id)).toMatchObject({
        fetchStatus: 'fetched',
        title: 'Title as submitted',
        publisher: 'Publisher as submitted',
        publishedAt: new Date(article.publishedAt),
      });
      // The snapshot still records what the page itself said.
      const snapshot = await sources.getSnapshot(source.id, (outcome as { snapshotId: string }).snapshotId);
      expect(snapshot).toMatchObject({ title: article.title, publisher: article.publisher });
    });

    it('adds no snapshot when a later fetch (another job) finds the same text', async () => {
      const article = fixtureArticle(104);
      const source = await aSource(article.path);
      const first = await checks.fetchSource(source.id, aRun());
      const again = aRun();

      const outcome = await checks.fetchSource(source.id, again);

      expect(outcome).toEqual({
        outcome: 'unchanged',
        snapshotId: (first as { snapshotId: string }).snapshotId,
        quotesChecked: 0,
      });
      expect(again.reported).toEqual([10, 50, 75, 100]);
      expect(site.requests(article.path)).toBe(2);
      const after = await sources.get(source.id);
      expect(after).toMatchObject({ fetchStatus: 'fetched', fetchAttempts: 2, error: null });
      expect(after.snapshots).toHaveLength(1);
      expect(actionsOf(await sourceEvents(source.id))).toEqual(['source.created', 'source.fetched']);
    });

    it('archives a changed page as a new snapshot, tells the source and every citing claim, and re-checks all quotes', async () => {
      const path = `/changing/${hex()}`;
      const base = fixtureArticle(105);
      const vanishing = 'The old bridge will reopen to traffic in March, once the inspection is complete.';
      const staying = 'Tolls on the bridge will stay at two dollars for the rest of the decade.';
      const before = articleWith(path, 105, [
        base.text[0]!,
        `"${vanishing}" the chief engineer said on Monday.`,
        base.text[1]!,
        `The transport office added: "${staying}"`,
        ...base.text.slice(2),
      ]);
      const after = articleWith(path, 105, [
        base.text[0]!,
        'Cracks were found in three piers, and the schedule has been withdrawn pending a new survey.',
        base.text[1]!,
        `The transport office added: "${staying}"`,
        ...base.text.slice(2),
      ]);
      site.setPage(path, (hit) => ({ body: fixtureArticleHtml(hit === 1 ? before : after) }));
      const source = await aSource(path);
      const citingVanishing = await aClaimCiting(source.url, vanishing);
      const citingStaying = await aClaimCiting(source.url, staying);
      const first = (await checks.fetchSource(source.id, aRun())) as { snapshotId: string };
      expect(await quoteStatuses([appearanceId(citingVanishing), appearanceId(citingStaying)])).toEqual([
        'found',
        'found',
      ]);

      const outcome = await checks.fetchSource(source.id, aRun());

      expect(outcome).toEqual({
        outcome: 'snapshot',
        snapshotId: expect.any(String) as string,
        changed: true,
        quotesChecked: 2,
      });
      const secondId = (outcome as { snapshotId: string }).snapshotId;
      expect(secondId).not.toBe(first.snapshotId);
      const changed = await sources.get(source.id);
      expect(changed.fetchStatus).toBe('changed');
      expect(changed.snapshots.map((summary) => summary.id)).toEqual([secondId, first.snapshotId]);

      const expectedData = {
        snapshotId: secondId,
        previousSnapshotId: first.snapshotId,
        httpStatus: 200,
        finalUrl: site.url(path),
        textLength: expect.any(Number) as number,
      };
      const events = await sourceEvents(source.id);
      expect(actionsOf(events)).toEqual(['source.created', 'source.fetched', 'source.changed']);
      expect(events[2]).toMatchObject({ from_status: 'fetched', to_status: 'changed', data: expectedData });
      for (const claim of [citingVanishing, citingStaying]) {
        const onClaim = await claimEvents(claim.id);
        expect(actionsOf(onClaim)).toEqual([
          'claim.submitted',
          'appearance.quote_checked',
          'source.changed',
          'appearance.quote_checked',
        ]);
        expect(onClaim[2]).toMatchObject({
          actor_id: null,
          source_id: null,
          data: { ...expectedData, sourceId: source.id, url: source.url },
        });
      }

      // Every quote is checked again, against the new snapshot.
      const gone = await appearance(appearanceId(citingVanishing));
      expect(['not_found', 'approximate']).toContain(gone.quote_status);
      expect(gone.quote_score).toBeLessThan(1);
      expect(gone.quote_snapshot_id).toBe(secondId);
      expect(await appearance(appearanceId(citingStaying))).toEqual({
        quote_status: 'found',
        quote_score: 1,
        quote_snapshot_id: secondId,
      });
      expect((await claimEvents(citingVanishing.id))[3]).toMatchObject({
        from_status: 'found',
        to_status: gone.quote_status,
        data: { snapshotId: secondId },
      });

      const changes = await sources.getChanges(source.id, secondId);
      expect(changes).toMatchObject({
        sourceId: source.id,
        snapshotId: secondId,
        previousSnapshotId: first.snapshotId,
      });
      expect(changes.granularity).toBe('word');
      expect(changes.removedWords).toBeGreaterThan(5);
      expect(changes.addedWords).toBeGreaterThan(5);
      const textOf = (op: string): string =>
        changes.changes
          .filter((change) => change.op === op)
          .map((change) => change.text)
          .join(' ');
      expect(textOf('removed')).toMatch(/March/);
      expect(textOf('added')).toMatch(/Cracks/);
      expect(textOf('removed')).not.toMatch(/Tolls/);
      const firstChanges = await sources.getChanges(source.id, first.snapshotId);
      expect(firstChanges.previousSnapshotId).toBeNull();
      expect(firstChanges.removedWords).toBe(0);
      expect(firstChanges.changes.every((change) => change.op === 'added')).toBe(true);

      // A further fetch of the same new text keeps the source `changed` and adds nothing.
      const third = await checks.fetchSource(source.id, aRun());
      expect(third).toEqual({ outcome: 'unchanged', snapshotId: secondId, quotesChecked: 0 });
      const settled = await sources.get(source.id);
      expect(settled.fetchStatus).toBe('changed');
      expect(settled.snapshots).toHaveLength(2);
    });

    it('finds the snapshot its run already wrote when run again with the same job id', async () => {
      const article = fixtureArticle(106);
      const source = await aSource(article.path);
      const run = aRun();
      const first = (await checks.fetchSource(source.id, run)) as { snapshotId: string };
      // A claim submitted in between: the repeated run still checks its quote.
      const claim = await aClaimCiting(source.url, article.quote);
      const repeated = aRun({ id: run.id, attempt: 2 });

      expect(await checks.fetchSource(source.id, repeated)).toEqual({ outcome: 'already_done' });

      expect(site.requests(article.path)).toBe(1);
      expect(repeated.reported).toEqual([]);
      const after = await sources.get(source.id);
      expect(after.snapshots.map((summary) => summary.id)).toEqual([first.snapshotId]);
      expect(after.fetchAttempts).toBe(1);
      expect(await appearance(appearanceId(claim))).toMatchObject({
        quote_status: 'found',
        quote_snapshot_id: first.snapshotId,
      });
    });

    it('gives up on a permanent failure (404): source failed, quotes source_unavailable, unprocessable', async () => {
      const path = `/missing?spec=${hex()}`;
      const source = await aSource(path);
      const claim = await aClaimCiting(source.url, 'A quote from a page that does not exist.');
      const run = aRun();

      const error = await failureOf(checks.fetchSource(source.id, run));

      expect(error).toMatchObject({ kind: 'unprocessable', code: 'source.fetch_failed' });
      expect(error.message).toBe('http_404: The server answered 404');
      expect(run.reported).toEqual([10]);
      expect(await sources.get(source.id)).toMatchObject({
        fetchStatus: 'failed',
        error: 'http_404',
        errorDetail: 'The server answered 404',
        fetchAttempts: 1,
        lastFetchedAt: null,
        snapshots: [],
      });
      expect((await sources.get(source.id)).lastAttemptAt).toBeInstanceOf(Date);
      const events = await sourceEvents(source.id);
      expect(actionsOf(events)).toEqual(['source.created', 'source.fetch_failed']);
      expect(events[1]).toMatchObject({
        actor_id: null,
        from_status: 'pending',
        to_status: 'failed',
        data: { error: 'http_404', detail: 'The server answered 404', attempt: 1 },
      });
      expect(await appearance(appearanceId(claim))).toEqual({
        quote_status: 'source_unavailable',
        quote_score: null,
        quote_snapshot_id: null,
      });
      const onClaim = await claimEvents(claim.id);
      expect(actionsOf(onClaim)).toEqual(['claim.submitted', 'appearance.quote_checked']);
      expect(onClaim[1]).toMatchObject({
        from_status: 'pending',
        to_status: 'source_unavailable',
        data: { appearanceId: appearanceId(claim), sourceId: source.id },
      });
    });

    it('retries a transient failure (503) until the final attempt, then marks the source failed', async () => {
      const path = `/flaky?fail=5&key=${hex()}`;
      const source = await aSource(path);
      const claim = await aClaimCiting(source.url, fixtureArticle(1).quote);
      const jobId = `source.fetch.${source.id}`;

      const firstError = await failureOf(checks.fetchSource(source.id, aRun({ id: jobId, attempt: 1 })));

      expect(firstError).not.toBeInstanceOf(DomainError);
      expect(firstError).toBeInstanceOf(FetchFailure);
      expect(firstError).toMatchObject({ code: 'http_503', permanent: false });
      const retrying = await sources.get(source.id);
      expect(retrying).toMatchObject({
        fetchStatus: 'pending',
        error: 'http_503',
        errorDetail: 'The server answered 503',
        fetchAttempts: 1,
        snapshots: [],
      });
      expect(retrying.lastAttemptAt).toBeInstanceOf(Date);
      expect(actionsOf(await sourceEvents(source.id))).toEqual(['source.created']);
      expect((await appearance(appearanceId(claim))).quote_status).toBe('pending');

      const lastError = await failureOf(
        checks.fetchSource(source.id, aRun({ id: jobId, attempt: 2, finalAttempt: true })),
      );

      expect(lastError).not.toBeInstanceOf(DomainError);
      expect(lastError).toMatchObject({ code: 'http_503' });
      expect(await sources.get(source.id)).toMatchObject({
        fetchStatus: 'failed',
        error: 'http_503',
        fetchAttempts: 2,
      });
      const events = await sourceEvents(source.id);
      expect(actionsOf(events)).toEqual(['source.created', 'source.fetch_failed']);
      expect(events[1]).toMatchObject({
        from_status: 'pending',
        to_status: 'failed',
        data: { error: 'http_503', attempt: 2 },
      });
      expect((await appearance(appearanceId(claim))).quote_status).toBe('source_unavailable');
      expect(site.requests(path)).toBe(2);
    });

    it('refuses a redirect to a blocked address: failed with blocked_address, no snapshot', async () => {
      const target = 'http://169.254.169.254/latest/meta-data/';
      const path = `/redirect-to?url=${encodeURIComponent(target)}`;
      const source = await aSource(path);

      const error = await failureOf(checks.fetchSource(source.id, aRun()));

      expect(error).toMatchObject({ kind: 'unprocessable', code: 'source.fetch_failed' });
      expect(error.message).toMatch(/^blocked_address: /);
      expect(site.requests(path)).toBe(1);
      expect(await sources.get(source.id)).toMatchObject({
        fetchStatus: 'failed',
        error: 'blocked_address',
        errorDetail: expect.stringContaining('169.254.169.254') as string,
        snapshots: [],
      });
    });

    it('refuses a type sources may not have (image/png) as unsupported_type', async () => {
      const source = await aSource(`/image.png?spec=${hex()}`);

      const error = await failureOf(checks.fetchSource(source.id, aRun()));

      expect(error).toMatchObject({ kind: 'unprocessable', code: 'source.fetch_failed' });
      expect(await sources.get(source.id)).toMatchObject({
        fetchStatus: 'failed',
        error: 'unsupported_type',
        errorDetail: expect.stringContaining('image/png') as string,
        snapshots: [],
      });
    });

    it('archives the text of a PDF and checks a quote against it', async () => {
      const source = await aSource(`/doc.pdf?spec=${hex()}`);
      const claim = await aClaimCiting(source.url, 'Every pipe laid before 1960 will be replaced by 2030.');

      const outcome = await checks.fetchSource(source.id, aRun());

      expect(outcome).toMatchObject({ outcome: 'snapshot', changed: false, quotesChecked: 1 });
      const snapshot = await sources.getSnapshot(source.id, (outcome as { snapshotId: string }).snapshotId);
      expect(snapshot).toMatchObject({ httpStatus: 200, contentType: 'application/pdf', title: fixturePdfTitle });
      expect(snapshot.text.replace(/\s+/g, ' ').trim()).toBe(fixturePdfText);
      expect(snapshot.textSha256).toBe(sha256(snapshot.text));
      expect(await sources.get(source.id)).toMatchObject({ fetchStatus: 'fetched', title: fixturePdfTitle });
      expect((await appearance(appearanceId(claim))).quote_status).toBe('found');
    });

    it('archives plain text as served, line ends and blank lines normalised', async () => {
      const source = await aSource(`/plain.txt?spec=${hex()}`);
      const claim = await aClaimCiting(source.url, 'The new sea wall will be finished before the winter storms.');

      const outcome = await checks.fetchSource(source.id, aRun());

      const snapshot = await sources.getSnapshot(source.id, (outcome as { snapshotId: string }).snapshotId);
      expect(snapshot).toMatchObject({
        contentType: 'text/plain',
        title: null,
        publisher: null,
        publishedAt: null,
        text: fixturePlainText.trim(),
        sha256: sha256(fixturePlainText),
      });
      expect((await appearance(appearanceId(claim))).quote_status).toBe('found');
    });

    // A failed source is due a re-check like any other; when it succeeds, the
    // quotes the failure left `source_unavailable` are checked at last.
    it('checks quotes left source_unavailable by a failed fetch once a later fetch succeeds', async () => {
      const article = fixtureArticle(107);
      const path = `/recovering/${hex()}`;
      site.setPage(path, (hit) =>
        hit === 1 ? { status: 404, body: 'Not found' } : { body: fixtureArticleHtml({ ...article, path }) },
      );
      const source = await aSource(path);
      const claim = await aClaimCiting(source.url, article.quote);
      await expect(checks.fetchSource(source.id, aRun())).rejects.toMatchObject({ kind: 'unprocessable' });
      expect((await appearance(appearanceId(claim))).quote_status).toBe('source_unavailable');

      const recheck = await checks.fetchSource(source.id, aRun({ id: `source.fetch.${source.id}.recheck.2030-01-01` }));

      expect(recheck).toMatchObject({ outcome: 'snapshot', changed: false });
      expect((await sources.get(source.id)).fetchStatus).toBe('fetched');
      // Observed: still 'source_unavailable' (quotesChecked is 0).
      expect((await appearance(appearanceId(claim))).quote_status).toBe('found');
    });
  });

  // ----- checkAppearance -----------------------------------------------------

  describe('checkAppearance', () => {
    it('checks a quote citing a source that already has a snapshot', async () => {
      const article = fixtureArticle(201);
      const source = await aSource(article.path);
      const fetched = (await checks.fetchSource(source.id, aRun())) as { snapshotId: string };
      const claim = await aClaimCiting(source.url, article.quote);
      expect((await appearance(appearanceId(claim))).quote_status).toBe('pending');

      await checks.checkAppearance(appearanceId(claim));

      expect(await appearance(appearanceId(claim))).toEqual({
        quote_status: 'found',
        quote_score: 1,
        quote_snapshot_id: fetched.snapshotId,
      });
      const onClaim = await claimEvents(claim.id);
      expect(actionsOf(onClaim)).toEqual(['claim.submitted', 'appearance.quote_checked']);
      expect(onClaim[1]).toMatchObject({ from_status: 'pending', to_status: 'found' });
    });

    it('leaves the quote pending, without error, while its source has not been fetched', async () => {
      const article = fixtureArticle(202);
      const source = await aSource(article.path);
      const claim = await aClaimCiting(source.url, article.quote);

      await expect(checks.checkAppearance(appearanceId(claim))).resolves.toBeUndefined();

      expect((await appearance(appearanceId(claim))).quote_status).toBe('pending');
      expect(actionsOf(await claimEvents(claim.id))).toEqual(['claim.submitted']);
      expect(site.requests(article.path)).toBe(0);
    });

    it('marks the quote source_unavailable when its source failed', async () => {
      const source = await aSource(`/gone?spec=${hex()}`);
      await expect(checks.fetchSource(source.id, aRun())).rejects.toMatchObject({ kind: 'unprocessable' });
      const claim = await aClaimCiting(source.url, 'A quote from a page that is gone.');

      await checks.checkAppearance(appearanceId(claim));

      expect((await appearance(appearanceId(claim))).quote_status).toBe('source_unavailable');
      const onClaim = await claimEvents(claim.id);
      expect(actionsOf(onClaim)).toEqual(['claim.submitted', 'appearance.quote_checked']);
      expect(onClaim[1]).toMatchObject({ from_status: 'pending', to_status: 'source_unavailable' });
    });

    it('refuses an appearance that does not exist as not found', async () => {
      await expect(checks.checkAppearance('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
        kind: 'not_found',
        code: 'appearance.not_found',
      });
    });
  });

  // ----- ordering ------------------------------------------------------------

  describe('a claim submitted while its source is being fetched', () => {
    const rounds = 20;

    /** Registers a fresh source per round, then fetches it while a claim citing it is submitted. */
    async function race(
      firstArticle: number,
      afterSubmit: (claim: ClaimView) => Promise<void>,
    ): Promise<{ appearanceIds: string[]; quoteCheckJobs: OutboxRow[] }> {
      const appearanceIds: string[] = [];
      for (let round = 0; round < rounds; round++) {
        const article = fixtureArticle(firstArticle + round);
        const source = await aSource(`${article.path}?race=${hex(3)}`);
        // Spread the two over each other, so that the submission commits before the
        // fetch's transaction, after it, or while waiting on the source's lock.
        const offset = ((round * 7) % 50) - 25;
        const [, claim] = await Promise.all([
          sleep(Math.max(0, -offset)).then(() => checks.fetchSource(source.id, aRun())),
          sleep(Math.max(0, offset)).then(async () => {
            const submitted = await aClaimCiting(source.url, article.quote);
            await afterSubmit(submitted);
            return submitted;
          }),
        ]);
        appearanceIds.push(appearanceId(claim));
      }
      const quoteCheckJobs = await db.manager.query<OutboxRow[]>(
        `SELECT id, job_id, queue, name, data FROM outbox_job
          WHERE name = 'quote.check' AND data->>'appearanceId' = ANY($1)`,
        [appearanceIds],
      );
      return { appearanceIds, quoteCheckJobs };
    }

    it('is checked by the fetch or by its quote.check job: none stays pending', async () => {
      const { appearanceIds, quoteCheckJobs } = await race(3000, async () => undefined);

      // The source existed, so each submission queued a quote.check.
      expect(quoteCheckJobs.map((job) => job.data.appearanceId).sort()).toEqual([...appearanceIds].sort());
      for (const job of quoteCheckJobs) await checks.checkAppearance(job.data.appearanceId as string);

      expect(await quoteStatuses(appearanceIds)).toEqual(appearanceIds.map(() => 'found'));
    });

    it('is checked even when its quote.check job runs at once, while the fetch is still in flight', async () => {
      const { appearanceIds, quoteCheckJobs } = await race(3100, async (claim) => {
        // What a worker may do: take the quote.check as soon as the submission commits.
        await checks.checkAppearance(appearanceId(claim));
      });

      expect(quoteCheckJobs).toHaveLength(rounds);
      expect(await quoteStatuses(appearanceIds)).toEqual(appearanceIds.map(() => 'found'));
    });
  });

  // ----- scheduleRechecks ----------------------------------------------------

  describe('scheduleRechecks', () => {
    const recheckRows = (sourceIds: readonly string[]): Promise<OutboxRow[]> =>
      db.manager.query<OutboxRow[]>(
        `SELECT id, job_id, queue, name, data FROM outbox_job
          WHERE name = 'source.fetch' AND job_id LIKE '%.recheck.%' AND data->>'sourceId' = ANY($1)
          ORDER BY job_id`,
        [sourceIds],
      );

    const countRecheckRowsOn = async (day: string): Promise<number> => {
      const [row] = await db.manager.query<{ count: string }[]>(
        `SELECT count(*) FROM outbox_job WHERE job_id LIKE $1`,
        [`source.fetch.%.recheck.${day}`],
      );
      return Number(row!.count);
    };

    const relayAll = async (): Promise<void> => {
      const relay = context.get(ManualRelay);
      while ((await relay.relayBatch()) > 0);
    };

    /**
     * A source (not on the fixture site: nothing fetches it here) in a given
     * state, cited by claims in the given statuses.
     */
    async function aSourceIn(state: {
      fetchStatus: 'pending' | 'fetched' | 'changed' | 'failed' | 'text';
      claimStatuses: string[];
      lastAttemptAt: Date | null;
    }): Promise<string> {
      const url = `https://recheck.example.org/${hex()}/story`;
      const { source } = await sources.register(
        actor.userId,
        state.fetchStatus === 'text' ? { url, text: 'The text of the source, as the submitter gave it.' } : { url },
      );
      if (state.fetchStatus !== 'text') {
        await db.manager.query(`UPDATE sources SET fetch_status = $2 WHERE id = $1`, [source.id, state.fetchStatus]);
      }
      await db.manager.query(`UPDATE sources SET last_attempt_at = $2 WHERE id = $1`, [source.id, state.lastAttemptAt]);
      for (const status of state.claimStatuses) {
        const claim = await claims.submit(actor, {
          text: `Recheck claim ${hex(8)} cites a source.`,
          appearance: { sourceId: source.id },
        });
        await db.manager.query(`UPDATE claims SET status = $2 WHERE id = $1`, [claim.id, status]);
      }
      return source.id;
    }

    it('queues one re-fetch a day of the web sources cited by claims under review or published, read over 24 h ago', async () => {
      const now = new Date();
      const old = hoursBefore(now, 25);
      const due = [
        await aSourceIn({ fetchStatus: 'fetched', claimStatuses: ['in_review'], lastAttemptAt: old }),
        await aSourceIn({ fetchStatus: 'fetched', claimStatuses: ['awaiting_approval'], lastAttemptAt: old }),
        await aSourceIn({ fetchStatus: 'changed', claimStatuses: ['published'], lastAttemptAt: old }),
        await aSourceIn({ fetchStatus: 'failed', claimStatuses: ['in_review'], lastAttemptAt: old }),
        await aSourceIn({ fetchStatus: 'fetched', claimStatuses: ['submitted', 'published'], lastAttemptAt: old }),
      ];
      const recent = await aSourceIn({
        fetchStatus: 'fetched',
        claimStatuses: ['in_review'],
        lastAttemptAt: hoursBefore(now, 1),
      });
      const exactlyADay = await aSourceIn({
        fetchStatus: 'fetched',
        claimStatuses: ['in_review'],
        lastAttemptAt: hoursBefore(now, 24),
      });
      const notDue = [
        recent,
        exactlyADay,
        await aSourceIn({ fetchStatus: 'fetched', claimStatuses: ['submitted'], lastAttemptAt: old }),
        await aSourceIn({ fetchStatus: 'fetched', claimStatuses: ['rejected'], lastAttemptAt: old }),
        await aSourceIn({ fetchStatus: 'fetched', claimStatuses: [], lastAttemptAt: old }),
        await aSourceIn({ fetchStatus: 'text', claimStatuses: ['in_review'], lastAttemptAt: old }),
        await aSourceIn({ fetchStatus: 'pending', claimStatuses: ['published'], lastAttemptAt: old }),
      ];
      const mine = [...due, ...notDue];
      const day = now.toISOString().slice(0, 10);
      const expectedRows = (ids: readonly string[], on: string): Omit<OutboxRow, 'id'>[] =>
        ids
          .map((sourceId) => ({
            job_id: `source.fetch.${sourceId}.recheck.${on}`,
            queue: 'sources',
            name: 'source.fetch',
            data: { sourceId },
          }))
          .sort((a, b) => a.job_id.localeCompare(b.job_id));
      const withoutRowId = (rows: OutboxRow[]): Omit<OutboxRow, 'id'>[] =>
        rows.map(({ id: _id, ...row }) => row).sort((a, b) => a.job_id.localeCompare(b.job_id));
      const rowsBefore = await countRecheckRowsOn(day);

      const queued = await checks.scheduleRechecks(now);

      const rows = await recheckRows(mine);
      expect(withoutRowId(rows)).toEqual(expectedRows(due, day));
      expect(queued).toBe((await countRecheckRowsOn(day)) - rowsBefore);

      // Scheduled again the same day: still due, but the outbox keeps one row per job id…
      await checks.scheduleRechecks(now);
      expect(await recheckRows(mine)).toEqual(rows);

      // …and once relayed (rows leave the outbox), BullMQ keeps one job per id however often it runs.
      await relayAll();
      expect(await recheckRows(mine)).toEqual([]);
      await checks.scheduleRechecks(now);
      expect(withoutRowId(await recheckRows(mine))).toEqual(expectedRows(due, day));
      await relayAll();
      const queue = context.get(QueueRegistry).get('sources');
      const waiting = await queue.getJobs(['waiting', 'delayed', 'prioritized']);
      const recheckJobIds = waiting
        .map((job) => job.id ?? '')
        .filter((id) => mine.some((sourceId) => id.startsWith(`source.fetch.${sourceId}.recheck.`)))
        .sort();
      expect(recheckJobIds).toEqual(expectedRows(due, day).map((row) => row.job_id));

      // The next day brings a job id of its own, and sources last read within the day before become due.
      const tomorrow = new Date(now.getTime() + 24 * 60 * 60 * 1000);
      const nextDay = tomorrow.toISOString().slice(0, 10);
      await checks.scheduleRechecks(tomorrow);
      expect(withoutRowId(await recheckRows(mine))).toEqual(expectedRows([...due, recent, exactlyADay], nextDay));
    });
  });
});
