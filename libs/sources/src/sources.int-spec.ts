import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AccountsModule } from '@claimdesk/accounts';
import type { Database } from '@claimdesk/persistence';
import { aPrincipal, aSource, rejectionOf, useTestContext } from '@claimdesk/testing';
import { SourcesModule } from './sources.module';
import { SourcesService } from './sources.service';

interface EventTableRow {
  action: string;
  actor_id: string | null;
  from_status: string | null;
  to_status: string | null;
  data: Record<string, unknown>;
}

interface OutboxRow {
  job_id: string;
  queue: string;
  name: string;
  data: Record<string, unknown>;
}

interface SnapshotRow {
  id: string;
  sha256: string;
  text: string;
  text_length: number;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('SourcesService against PostgreSQL', () => {
  const context = useTestContext([SourcesModule, AccountsModule]);
  let sources: SourcesService;
  let db: Database;
  let actorId: string;

  beforeAll(async () => {
    sources = context.get(SourcesService);
    db = context.db;
    actorId = (await aPrincipal(context.app, { name: 'Sam Sourcer' })).userId;
  });

  const eventsOf = (sourceId: string): Promise<EventTableRow[]> =>
    db.manager.query<EventTableRow[]>(
      `SELECT action, actor_id, from_status, to_status, data FROM events WHERE source_id = $1 ORDER BY id`,
      [sourceId],
    );

  const fetchJobsOf = (sourceId: string): Promise<OutboxRow[]> =>
    db.manager.query<OutboxRow[]>(`SELECT job_id, queue, name, data FROM outbox_job WHERE data->>'sourceId' = $1`, [
      sourceId,
    ]);

  const snapshotsOf = (sourceId: string): Promise<SnapshotRow[]> =>
    db.manager.query<SnapshotRow[]>(
      `SELECT id, sha256, text, text_length FROM source_snapshots WHERE source_id = $1 ORDER BY fetched_at, id`,
      [sourceId],
    );

  const countRows = async (sql: string, params: unknown[]): Promise<number> => {
    const [row] = await db.manager.query<{ count: string }[]>(sql, params);
    return Number(row!.count);
  };

  describe('register', () => {
    it('creates a new source pending, records source.created and queues its fetch', async () => {
      const input = aSource({ title: 'Budget story', publisher: 'Example News' });

      const { source, created } = await sources.register(actorId, input);

      expect(created).toBe(true);
      expect(source).toMatchObject({
        url: input.url,
        title: 'Budget story',
        publisher: 'Example News',
        fetchStatus: 'pending',
        error: null,
        snapshots: [],
      });
      expect(await eventsOf(source.id)).toEqual([
        {
          action: 'source.created',
          actor_id: actorId,
          from_status: null,
          to_status: 'pending',
          data: { url: input.url },
        },
      ]);
      expect(await fetchJobsOf(source.id)).toEqual([
        { job_id: `source.fetch.${source.id}`, queue: 'sources', name: 'source.fetch', data: { sourceId: source.id } },
      ]);
    });

    it('recognises the same URL in another spelling: same source, not created, no second job or event', async () => {
      const path = randomBytes(5).toString('hex');
      const first = await sources.register(actorId, { url: `https://news.example.org/${path}/story?id=7` });

      const again = await Promise.all(
        [
          `https://NEWS.Example.ORG/${path}/story?id=7`,
          `https://news.example.org/${path}/story?id=7#comments`,
          `https://news.example.org:443/${path}/story?id=7`,
          `  https://news.example.org/${path}/story?id=7  `,
        ].map(async (url) => sources.register(actorId, { url })),
      );

      for (const { source, created } of again) {
        expect(created).toBe(false);
        expect(source.id).toBe(first.source.id);
        expect(source.url).toBe(`https://news.example.org/${path}/story?id=7`);
      }
      expect(await fetchJobsOf(first.source.id)).toHaveLength(1);
      expect((await eventsOf(first.source.id)).map((event) => event.action)).toEqual(['source.created']);
    });

    it('keeps apart URLs that differ in path case, query or port', async () => {
      const path = randomBytes(5).toString('hex');
      const ids = new Set<string>();
      for (const url of [
        `https://news.example.org/${path}/a`,
        `https://news.example.org/${path}/A`,
        `https://news.example.org/${path}/a?page=2`,
        `https://news.example.org:8443/${path}/a`,
      ]) {
        const { source, created } = await sources.register(actorId, { url });
        expect(created).toBe(true);
        ids.add(source.id);
      }
      expect(ids.size).toBe(4);
    });

    it('refuses a URL that cannot be a source, writing nothing', async () => {
      const before = await countRows(`SELECT count(*) FROM sources`, []);

      const error = await rejectionOf(sources.register(actorId, { url: 'ftp://files.example.org/report.pdf' }));

      expect(error.kind).toBe('invalid');
      expect(error.code).toBe('source.invalid_url');
      expect(error.details.errors).toEqual([expect.objectContaining({ field: 'url' })]);
      expect(await countRows(`SELECT count(*) FROM sources`, [])).toBe(before);
    });

    it('stores submitted text as a snapshot, marks the source fetched and queues no fetch', async () => {
      const text = 'The council approved a budget of €1.2 million for the new library.';

      const { source, created } = await sources.register(actorId, aSource({ text, title: 'Council minutes' }));

      expect(created).toBe(true);
      expect(source.fetchStatus).toBe('fetched');
      expect(source.snapshots).toEqual([
        expect.objectContaining({
          sha256: sha256(text),
          textLength: text.length,
          title: 'Council minutes',
          contentType: 'text/plain',
          httpStatus: null,
        }),
      ]);
      const snapshotId = source.snapshots[0]!.id;
      expect(await eventsOf(source.id)).toEqual([
        expect.objectContaining({ action: 'source.created' }),
        {
          action: 'source.snapshot_added',
          actor_id: actorId,
          from_status: 'pending',
          to_status: 'fetched',
          data: { snapshotId, sha256: sha256(text), textLength: text.length, origin: 'submitted' },
        },
      ]);
      expect(await fetchJobsOf(source.id)).toEqual([]);
      expect(await sources.getSnapshot(source.id, snapshotId)).toMatchObject({ sourceId: source.id, text });
    });

    it('adds no snapshot when the same text is submitted again', async () => {
      const input = aSource({ text: 'Unemployment fell to 4.1% in March.' });
      const first = await sources.register(actorId, input);

      const again = await sources.register(actorId, { ...input });

      expect(again.created).toBe(false);
      expect(again.source.snapshots.map((snapshot) => snapshot.id)).toEqual(
        first.source.snapshots.map((snapshot) => snapshot.id),
      );
      expect(await snapshotsOf(first.source.id)).toHaveLength(1);
      expect((await eventsOf(first.source.id)).map((event) => event.action)).toEqual([
        'source.created',
        'source.snapshot_added',
      ]);
    });

    it('adds no snapshot when the text submitted is the text a fetch already archived', async () => {
      const text = 'The bridge reopens in May.';
      const { source } = await sources.register(actorId, aSource());
      // A fetched snapshot: the body's hash (of HTML) is not the text's.
      await db.manager.query(
        `INSERT INTO source_snapshots (source_id, http_status, final_url, content_type, sha256, text_sha256, text, text_length)
         VALUES ($1, 200, $2, 'text/html', $3, $4, $5, $6)`,
        [source.id, source.url, sha256(`<p>${text}</p>`), sha256(text), text, text.length],
      );

      await sources.register(actorId, { url: source.url, text });

      expect(await snapshotsOf(source.id)).toHaveLength(1);
    });

    it('adds a second snapshot when different text is submitted, newest listed first', async () => {
      const url = aSource().url;
      const first = await sources.register(actorId, { url, text: 'First version of the article.' });

      const second = await sources.register(actorId, { url, text: 'Corrected version of the article.' });

      expect(second.source.id).toBe(first.source.id);
      expect(second.source.snapshots.map((snapshot) => snapshot.sha256)).toEqual([
        sha256('Corrected version of the article.'),
        sha256('First version of the article.'),
      ]);
      expect((await snapshotsOf(first.source.id)).map((snapshot) => snapshot.text)).toEqual([
        'First version of the article.',
        'Corrected version of the article.',
      ]);
    });

    it('gives text added to a pending source a snapshot, and the fetch job stays the one queued', async () => {
      const url = aSource().url;
      const pending = await sources.register(actorId, { url });

      const withText = await sources.register(actorId, { url, text: 'The text the submitter pasted.' });

      expect(withText.created).toBe(false);
      expect(withText.source.fetchStatus).toBe('fetched');
      expect(withText.source.snapshots).toHaveLength(1);
      expect(await fetchJobsOf(pending.source.id)).toHaveLength(1);
    });

    it('records the snapshot_added event as done by the user who submitted the text', async () => {
      const url = aSource().url;
      await sources.register(actorId, { url });
      const secondUser = (await aPrincipal(context.app)).userId;

      const { source } = await sources.register(secondUser, { url, text: 'Text supplied by a second user.' });

      const added = (await eventsOf(source.id)).filter((event) => event.action === 'source.snapshot_added');
      expect(added).toEqual([expect.objectContaining({ actor_id: secondUser })]);
    });

    it('creates one source when ten requests register one URL at once', async () => {
      const path = randomBytes(5).toString('hex');
      const spellings = [`https://news.example.org/${path}`, `https://NEWS.example.org/${path}#top`];

      const results = await Promise.all(
        Array.from({ length: 10 }, async (_, index) => sources.register(actorId, { url: spellings[index % 2]! })),
      );

      expect(new Set(results.map((result) => result.source.id)).size).toBe(1);
      expect(results.filter((result) => result.created)).toHaveLength(1);
      const sourceId = results[0]!.source.id;
      expect(
        await countRows(`SELECT count(*) FROM sources WHERE normalized_url = $1`, [`https://news.example.org/${path}`]),
      ).toBe(1);
      expect((await eventsOf(sourceId)).map((event) => event.action)).toEqual(['source.created']);
      expect(await fetchJobsOf(sourceId)).toHaveLength(1);
    });
  });

  describe('reading', () => {
    it('refuses an unknown source id as not found', async () => {
      const error = await rejectionOf(sources.get(randomUUID()));

      expect(error.kind).toBe('not_found');
      expect(error.code).toBe('source.not_found');
    });

    it('refuses an unknown snapshot id as not found', async () => {
      const { source } = await sources.register(actorId, aSource());

      const error = await rejectionOf(sources.getSnapshot(source.id, randomUUID()));

      expect(error.kind).toBe('not_found');
      expect(error.code).toBe('snapshot.not_found');
    });

    it('refuses a snapshot asked for under another source as not found', async () => {
      const withText = await sources.register(actorId, aSource({ text: 'Snapshot of source A.' }));
      const other = await sources.register(actorId, aSource());

      const error = await rejectionOf(sources.getSnapshot(other.source.id, withText.source.snapshots[0]!.id));

      expect(error.kind).toBe('not_found');
      expect(error.code).toBe('snapshot.not_found');
    });
  });

  describe('the source_snapshots table is append-only', () => {
    let sourceId: string;
    let snapshot: SnapshotRow;

    beforeAll(async () => {
      const { source } = await sources.register(actorId, aSource({ text: 'Words that must never change.' }));
      sourceId = source.id;
      [snapshot] = (await snapshotsOf(sourceId)) as [SnapshotRow];
    });

    it('refuses UPDATE', async () => {
      await expect(
        db.manager.query(`UPDATE source_snapshots SET text = 'Rewritten history.' WHERE id = $1`, [snapshot.id]),
      ).rejects.toThrow(/source_snapshots is append-only: UPDATE refused/);
      expect(await snapshotsOf(sourceId)).toEqual([snapshot]);
    });

    it('refuses DELETE', async () => {
      await expect(db.manager.query(`DELETE FROM source_snapshots WHERE id = $1`, [snapshot.id])).rejects.toThrow(
        /source_snapshots is append-only: DELETE refused/,
      );
      expect(await snapshotsOf(sourceId)).toEqual([snapshot]);
    });

    it('refuses TRUNCATE, even with CASCADE past the foreign keys', async () => {
      await expect(db.manager.query(`TRUNCATE source_snapshots`)).rejects.toThrow();
      await expect(db.manager.query(`TRUNCATE source_snapshots CASCADE`)).rejects.toThrow(
        /source_snapshots is append-only: TRUNCATE refused/,
      );
      expect(await snapshotsOf(sourceId)).toEqual([snapshot]);
    });
  });
});
