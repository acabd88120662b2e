import { Injectable } from '@nestjs/common';
import { Database } from '@claimdesk/persistence';
import { SourceSnapshot } from './source-snapshot.entity';
import { type FetchStatus, Source } from './source.entity';

export interface NewSource {
  url: string;
  normalizedUrl: string;
  title: string | null;
  publisher: string | null;
  publishedAt: Date | null;
  createdBy: string | null;
}

export type SnapshotSummary = Omit<SourceSnapshot, 'text'>;

/** What a snapshot is recorded with; its text length is counted. */
export type NewSnapshot = Pick<
  SourceSnapshot,
  | 'sourceId'
  | 'fetchKey'
  | 'httpStatus'
  | 'finalUrl'
  | 'contentType'
  | 'headers'
  | 'sha256'
  | 'textSha256'
  | 'title'
  | 'publisher'
  | 'publishedAt'
  | 'text'
>;

/** What the page read states of itself, filling in what the submitter left out. */
export interface PageFacts {
  title: string | null;
  publisher: string | null;
  publishedAt: Date | null;
}

/** What a source's extraction state is computed from, besides the events recording it. */
export interface ExtractionFacts {
  extractClaims: boolean;
  fetchStatus: FetchStatus;
  snapshotId: string | null;
}

/** How a source's text was read: fetched (an attempt), or submitted. */
export type TextRead = { origin: 'fetch'; page: PageFacts } | { origin: 'submitted' };

const lockModes = { update: 'UPDATE', share: 'SHARE', 'no key update': 'NO KEY UPDATE' } as const;

@Injectable()
export class SourcesRepository {
  constructor(private readonly db: Database) {}

  /**
   * Inserts the source unless its canonical URL is known; returns the row and
   * whether this call created it. Safe under concurrent submissions of one URL.
   */
  async insertOrFind(source: NewSource): Promise<{ source: Source; created: boolean }> {
    const inserted = await this.db.manager
      .createQueryBuilder()
      .insert()
      .into(Source)
      .values(source)
      .orIgnore()
      .returning('*')
      .execute();
    const row = (inserted.raw as Record<string, unknown>[])[0];
    if (row !== undefined) return { source: await this.findByIdOrFail(row.id as string), created: true };
    const existing = await this.db.manager.findOneByOrFail(Source, { normalizedUrl: source.normalizedUrl });
    return { source: existing, created: false };
  }

  /**
   * The citation path of {@link insertOrFind} in one statement: the id and URL
   * of the source with this canonical URL, and whether this call created it.
   */
  async citeOrCreate(source: NewSource): Promise<{ id: string; url: string; created: boolean }> {
    const [row] = await this.db.manager.query<{ id: string; url: string; created: boolean }[]>(
      `WITH inserted AS (
         INSERT INTO sources (url, normalized_url, created_by) VALUES ($1, $2, $3)
         ON CONFLICT (normalized_url) DO NOTHING
         RETURNING id, url)
       SELECT id, url, true AS created FROM inserted
       UNION ALL
       SELECT id, url, false FROM sources WHERE normalized_url = $2 AND NOT EXISTS (SELECT 1 FROM inserted)`,
      [source.url, source.normalizedUrl, source.createdBy],
    );
    if (row !== undefined) return row;
    // Created by a transaction that committed after this statement's snapshot.
    const existing = await this.db.manager.findOneByOrFail(Source, { normalizedUrl: source.normalizedUrl });
    return { id: existing.id, url: existing.url, created: false };
  }

  findById(id: string): Promise<Source | null> {
    return this.db.manager.findOneBy(Source, { id });
  }

  /** The URLs of these sources, by id, in one query; unknown ids are left out. */
  async findUrls(ids: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.db.manager.query<{ id: string; url: string }[]>(
      `SELECT id, url FROM sources WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.url]));
  }

  private findByIdOrFail(id: string): Promise<Source> {
    return this.db.manager.findOneByOrFail(Source, { id });
  }

  /** The source row, locked for the rest of the transaction (see {@link SourcesService.lockForFetch}); its status. */
  async lock(id: string, mode: 'update' | 'share' | 'no key update'): Promise<FetchStatus | null> {
    const [row] = await this.db.manager.query<{ fetchStatus: FetchStatus }[]>(
      `SELECT fetch_status AS "fetchStatus" FROM sources WHERE id = $1 FOR ${lockModes[mode]}`,
      [id],
    );
    return row?.fetchStatus ?? null;
  }

  /**
   * Records that the source's text was read: by a fetch (an attempt, which
   * also fills in the title, publisher and date the page states where the
   * submitter gave none), or as text submitted.
   */
  async markFetched(id: string, status: FetchStatus, read: TextRead): Promise<void> {
    const page = read.origin === 'fetch' ? read.page : { title: null, publisher: null, publishedAt: null };
    await this.db.manager.query(
      `UPDATE sources
          SET fetch_status = $2, fetch_error = NULL, fetch_error_detail = NULL, last_fetched_at = now(),
              fetch_attempts = fetch_attempts + CASE WHEN $3 THEN 1 ELSE 0 END,
              last_attempt_at = CASE WHEN $3 THEN now() ELSE last_attempt_at END,
              title = coalesce(title, $4), publisher = coalesce(publisher, $5),
              published_at = coalesce(published_at, $6), updated_at = now()
        WHERE id = $1`,
      [id, status, read.origin === 'fetch', page.title, page.publisher, page.publishedAt],
    );
  }

  /** Records a failed attempt: the source turns `failed` when no retry follows. */
  async markFailed(id: string, error: { code: string; detail: string }, final: boolean): Promise<void> {
    await this.db.manager.query(
      `UPDATE sources
          SET fetch_status = CASE WHEN $4 THEN 'failed' ELSE fetch_status END,
              fetch_error = $2, fetch_error_detail = $3, fetch_attempts = fetch_attempts + 1,
              last_attempt_at = now(), updated_at = now()
        WHERE id = $1`,
      [id, error.code, error.detail.slice(0, 1000), final],
    );
  }

  /**
   * Sources still `pending` whose last attempt (or, with none, creation) was
   * before `before`, oldest first: their fetch job should have ended by then.
   */
  async pendingFetchesBefore(before: Date, limit: number): Promise<string[]> {
    const rows = await this.db.manager.query<{ id: string }[]>(
      `SELECT id FROM sources
        WHERE fetch_status = 'pending' AND coalesce(last_attempt_at, created_at) < $1
        ORDER BY coalesce(last_attempt_at, created_at), id
        LIMIT $2`,
      [before, limit],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Sources fetched from the web (none of their snapshots was submitted as
   * text), with a fetch outcome, last attempted (or, never attempted,
   * created) before `olderThan`; oldest attempt first, after the keyset
   * position `after` (the attempt time as PostgreSQL prints it, and the id).
   */
  staleSources(
    olderThan: Date,
    after: { attemptKey: string; id: string } | null,
    limit: number,
  ): Promise<{ id: string; attemptKey: string }[]> {
    return this.db.manager.query(
      `SELECT s.id, coalesce(s.last_attempt_at, s.created_at)::text AS "attemptKey" FROM sources s
        WHERE s.fetch_status <> 'pending'
          AND coalesce(s.last_attempt_at, s.created_at) < $1
          AND ($2::timestamptz IS NULL OR (coalesce(s.last_attempt_at, s.created_at), s.id) > ($2::timestamptz, $3::uuid))
          AND NOT EXISTS (SELECT 1 FROM source_snapshots ss WHERE ss.source_id = s.id AND ss.http_status IS NULL)
        ORDER BY coalesce(s.last_attempt_at, s.created_at), s.id
        LIMIT $4`,
      [olderThan, after?.attemptKey ?? null, after?.id ?? null, limit],
    );
  }

  /** Those of the sources still `pending`: fetched by no job yet. */
  async stillPending(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.manager.query<{ id: string }[]>(
      `SELECT id FROM sources WHERE id = ANY($1::uuid[]) AND fetch_status = 'pending'`,
      [ids],
    );
    return rows.map((row) => row.id);
  }

  /** Turns claim extraction on; true when it was off. */
  async enableExtraction(id: string): Promise<boolean> {
    const [rows] = await this.db.manager.query<[unknown[], number]>(
      `UPDATE sources SET extract_claims = true, updated_at = now() WHERE id = $1 AND NOT extract_claims RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  async extractsClaims(id: string): Promise<boolean> {
    const [row] = await this.db.manager.query<{ extractClaims: boolean }[]>(
      `SELECT extract_claims AS "extractClaims" FROM sources WHERE id = $1`,
      [id],
    );
    return row?.extractClaims ?? false;
  }

  async latestSnapshotId(sourceId: string): Promise<string | null> {
    const [row] = await this.db.manager.query<{ id: string }[]>(
      `SELECT id FROM source_snapshots WHERE source_id = $1 ORDER BY fetched_at DESC, id DESC LIMIT 1`,
      [sourceId],
    );
    return row?.id ?? null;
  }

  /** Whether the job run with this key wrote a snapshot. */
  async snapshotWrittenBy(fetchKey: string): Promise<boolean> {
    const rows = await this.db.manager.query<unknown[]>(`SELECT 1 FROM source_snapshots WHERE fetch_key = $1`, [
      fetchKey,
    ]);
    return rows.length > 0;
  }

  async latestSnapshot(sourceId: string): Promise<{ id: string; textSha256: string } | null> {
    const [row] = await this.db.manager.query<{ id: string; textSha256: string }[]>(
      `SELECT id, text_sha256 AS "textSha256" FROM source_snapshots
        WHERE source_id = $1 ORDER BY fetched_at DESC, id DESC LIMIT 1`,
      [sourceId],
    );
    return row ?? null;
  }

  async latestSnapshotText(sourceId: string): Promise<{ id: string; text: string } | null> {
    const [row] = await this.db.manager.query<{ id: string; text: string }[]>(
      `SELECT id, text FROM source_snapshots WHERE source_id = $1 ORDER BY fetched_at DESC, id DESC LIMIT 1`,
      [sourceId],
    );
    return row ?? null;
  }

  async insertSnapshot(snapshot: NewSnapshot): Promise<{ id: string; fetchedAt: Date }> {
    const [row] = await this.db.manager.query<{ id: string; fetchedAt: Date }[]>(
      `INSERT INTO source_snapshots (source_id, fetch_key, http_status, final_url, content_type, headers, sha256,
                                     text_sha256, title, publisher, published_at, text, text_length)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       RETURNING id, fetched_at AS "fetchedAt"`,
      [
        snapshot.sourceId,
        snapshot.fetchKey,
        snapshot.httpStatus,
        snapshot.finalUrl,
        snapshot.contentType,
        JSON.stringify(snapshot.headers),
        snapshot.sha256,
        snapshot.textSha256,
        snapshot.title,
        snapshot.publisher,
        snapshot.publishedAt,
        snapshot.text,
        snapshot.text.length,
      ],
    );
    return row!;
  }

  /** The texts of the snapshots, by id. */
  async snapshotTexts(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.manager.query<{ id: string; text: string }[]>(
      `SELECT id, text FROM source_snapshots WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.text]));
  }

  /** Whether claims are extracted, the fetch status and the latest snapshot, or null for an unknown source. */
  async extractionFacts(id: string): Promise<ExtractionFacts | null> {
    const [row] = await this.db.manager.query<ExtractionFacts[]>(
      `SELECT s.extract_claims AS "extractClaims", s.fetch_status AS "fetchStatus", l.id AS "snapshotId"
         FROM sources s
         LEFT JOIN LATERAL (SELECT id FROM source_snapshots WHERE source_id = s.id
                             ORDER BY fetched_at DESC, id DESC LIMIT 1) l ON true
        WHERE s.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** Sources with extraction on and a snapshot, with their latest one, in id order after `afterId`. */
  extractingSources(
    afterId: string | null,
    limit: number,
  ): Promise<{ sourceId: string; snapshotId: string; fetchedAt: Date }[]> {
    return this.db.manager.query(
      `SELECT s.id AS "sourceId", l.id AS "snapshotId", l.fetched_at AS "fetchedAt"
         FROM sources s
         JOIN LATERAL (SELECT id, fetched_at FROM source_snapshots WHERE source_id = s.id
                        ORDER BY fetched_at DESC, id DESC LIMIT 1) l ON true
        WHERE s.extract_claims AND ($1::uuid IS NULL OR s.id > $1::uuid)
        ORDER BY s.id
        LIMIT $2`,
      [afterId, limit],
    );
  }

  /** Snapshots without their text, newest first. */
  listSnapshots(sourceId: string): Promise<SnapshotSummary[]> {
    return this.db.manager.find(SourceSnapshot, {
      where: { sourceId },
      order: { fetchedAt: 'DESC', id: 'DESC' },
      select: {
        id: true,
        sourceId: true,
        fetchedAt: true,
        httpStatus: true,
        finalUrl: true,
        contentType: true,
        sha256: true,
        title: true,
        publisher: true,
        publishedAt: true,
        textSha256: true,
        textLength: true,
        createdAt: true,
      },
    });
  }

  findSnapshot(sourceId: string, snapshotId: string): Promise<SourceSnapshot | null> {
    return this.db.manager.findOneBy(SourceSnapshot, { id: snapshotId, sourceId });
  }

  /** The snapshot of the same source taken just before `snapshot`, with its text. */
  async findSnapshotBefore(
    snapshot: Pick<SourceSnapshot, 'id' | 'sourceId' | 'fetchedAt'>,
  ): Promise<{ id: string; text: string } | null> {
    const [row] = await this.db.manager.query<{ id: string; text: string }[]>(
      `SELECT id, text FROM source_snapshots
        WHERE source_id = $1 AND (fetched_at, id) < ($2, $3)
        ORDER BY fetched_at DESC, id DESC LIMIT 1`,
      [snapshot.sourceId, snapshot.fetchedAt, snapshot.id],
    );
    return row ?? null;
  }
}
