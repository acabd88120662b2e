import { Injectable } from '@nestjs/common';
import type { FetchStatus } from '@claimdesk/sources';
import { Database } from '@claimdesk/persistence';
import type { QuoteMatch } from './quote-check';

export interface SourceToFetch {
  id: string;
  url: string;
  fetchStatus: FetchStatus;
  title: string | null;
  publisher: string | null;
  publishedAt: Date | null;
}

export interface LatestSnapshot {
  id: string;
  textSha256: string;
}

export interface NewSnapshot {
  sourceId: string;
  fetchKey: string;
  httpStatus: number;
  finalUrl: string;
  contentType: string;
  headers: Record<string, string>;
  sha256: string;
  textSha256: string;
  title: string | null;
  publisher: string | null;
  publishedAt: Date | null;
  text: string;
}

/**
 * Text cited from a source that is checked against it: an appearance's quote
 * or a piece of evidence's excerpt.
 */
export interface QuoteTarget {
  kind: 'appearance' | 'evidence';
  id: string;
  claimId: string;
  quote: string;
  quoteStatus: string;
}

/** Where each kind of target keeps its check. */
const targetTables = {
  appearance: {
    table: 'appearances',
    text: 'quote',
    status: 'quote_status',
    score: 'quote_score',
    snapshot: 'quote_snapshot_id',
    start: 'quote_start',
    end: 'quote_end',
    excerpt: 'quote_excerpt',
    diff: 'quote_diff',
    checkedAt: 'quote_checked_at',
  },
  evidence: {
    table: 'evidence',
    text: 'excerpt',
    status: 'excerpt_status',
    score: 'excerpt_score',
    snapshot: 'excerpt_snapshot_id',
    start: 'excerpt_start',
    end: 'excerpt_end',
    excerpt: 'excerpt_match',
    diff: 'excerpt_diff',
    checkedAt: 'excerpt_checked_at',
  },
} as const;

/** Both kinds of target, as one relation. */
const targetsRelation = `(
  SELECT 'appearance' AS kind, id, claim_id, source_id, quote AS text, quote_status AS status,
         quote_snapshot_id AS snapshot_id, created_at
    FROM appearances WHERE quote IS NOT NULL
  UNION ALL
  SELECT 'evidence', id, claim_id, source_id, excerpt, excerpt_status, excerpt_snapshot_id, created_at
    FROM evidence WHERE excerpt IS NOT NULL
) t`;

/** The statuses of claims whose sources are re-checked on a schedule. */
const rechecked = ['in_review', 'awaiting_approval', 'published'];

/** SQL of source checking: sources, their snapshots, and the checks of quotes and excerpts cited from them. */
@Injectable()
export class CheckRepository {
  constructor(private readonly db: Database) {}

  async findSource(id: string): Promise<SourceToFetch | null> {
    const [row] = await this.db.manager.query<SourceToFetch[]>(
      `SELECT id, url, fetch_status AS "fetchStatus", title, publisher, published_at AS "publishedAt"
         FROM sources WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  /**
   * Locks the source for the rest of the transaction. `FOR UPDATE` conflicts
   * with the key-share lock an appearance insert takes on its source, so a
   * claim citing the source commits either before this transaction reads
   * appearances or after it has written the snapshot it will be checked against.
   */
  async lockSource(id: string, mode: 'update' | 'share'): Promise<FetchStatus | null> {
    const [row] = await this.db.manager.query<{ fetchStatus: FetchStatus }[]>(
      `SELECT fetch_status AS "fetchStatus" FROM sources WHERE id = $1 FOR ${mode === 'update' ? 'UPDATE' : 'SHARE'}`,
      [id],
    );
    return row?.fetchStatus ?? null;
  }

  /** Whether candidate claims are extracted from the source's new snapshots. */
  async extractsClaims(id: string): Promise<boolean> {
    const [row] = await this.db.manager.query<{ extractClaims: boolean }[]>(
      `SELECT extract_claims AS "extractClaims" FROM sources WHERE id = $1`,
      [id],
    );
    return row?.extractClaims ?? false;
  }

  async snapshotWrittenBy(fetchKey: string): Promise<boolean> {
    const rows = await this.db.manager.query<unknown[]>(`SELECT 1 FROM source_snapshots WHERE fetch_key = $1`, [
      fetchKey,
    ]);
    return rows.length > 0;
  }

  async latestSnapshot(sourceId: string): Promise<LatestSnapshot | null> {
    const [row] = await this.db.manager.query<LatestSnapshot[]>(
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

  /**
   * Records a fetch that produced a document, filling in the title,
   * publisher and date the page states where the submitter gave none.
   */
  async markFetched(
    id: string,
    status: FetchStatus,
    page: { title: string | null; publisher: string | null; publishedAt: Date | null },
  ): Promise<void> {
    await this.db.manager.query(
      `UPDATE sources
          SET fetch_status = $2, fetch_error = NULL, fetch_error_detail = NULL,
              fetch_attempts = fetch_attempts + 1, last_fetched_at = now(), last_attempt_at = now(),
              title = coalesce(title, $3), publisher = coalesce(publisher, $4),
              published_at = coalesce(published_at, $5), updated_at = now()
        WHERE id = $1`,
      [id, status, page.title, page.publisher, page.publishedAt],
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
   * Quotes and excerpts cited from the source: all of them, or those without a
   * check against a snapshot yet (`pending`, or `source_unavailable` after a
   * failed fetch the source has since recovered from).
   */
  targetsCiting(sourceId: string, which: 'all' | 'unchecked'): Promise<QuoteTarget[]> {
    return this.db.manager.query<QuoteTarget[]>(
      `SELECT kind, id, claim_id AS "claimId", text AS quote, status AS "quoteStatus"
         FROM ${targetsRelation}
        WHERE source_id = $1 AND ($2 OR status IN ('pending', 'source_unavailable'))
        ORDER BY created_at, id`,
      [sourceId, which === 'all'],
    );
  }

  async findTarget(
    kind: QuoteTarget['kind'],
    id: string,
  ): Promise<(QuoteTarget & { sourceId: string; quoteSnapshotId: string | null }) | null> {
    const [row] = await this.db.manager.query<(QuoteTarget & { sourceId: string; quoteSnapshotId: string | null })[]>(
      `SELECT kind, id, claim_id AS "claimId", source_id AS "sourceId", text AS quote, status AS "quoteStatus",
              snapshot_id AS "quoteSnapshotId"
         FROM ${targetsRelation}
        WHERE kind = $1 AND id = $2`,
      [kind, id],
    );
    return row ?? null;
  }

  async recordQuoteCheck(
    target: Pick<QuoteTarget, 'kind' | 'id'>,
    snapshotId: string,
    match: QuoteMatch,
  ): Promise<void> {
    const c = targetTables[target.kind];
    await this.db.manager.query(
      `UPDATE ${c.table}
          SET ${c.status} = $2, ${c.score} = $3, ${c.snapshot} = $4, ${c.start} = $5, ${c.end} = $6,
              ${c.excerpt} = $7, ${c.diff} = $8, ${c.checkedAt} = now()
        WHERE id = $1`,
      [
        target.id,
        match.status,
        match.score,
        snapshotId,
        match.start,
        match.end,
        match.excerpt,
        JSON.stringify(match.diff),
      ],
    );
  }

  /** Marks the source's pending quotes and excerpts `source_unavailable`; returns those changed. */
  async markQuotesUnavailable(sourceId: string): Promise<QuoteTarget[]> {
    const changed: QuoteTarget[] = [];
    for (const kind of ['appearance', 'evidence'] as const) {
      const c = targetTables[kind];
      const [rows] = await this.db.manager.query<[QuoteTarget[], number]>(
        `UPDATE ${c.table} SET ${c.status} = 'source_unavailable', ${c.checkedAt} = now()
          WHERE source_id = $1 AND ${c.status} = 'pending'
          RETURNING '${kind}' AS kind, id, claim_id AS "claimId", ${c.text} AS quote, ${c.status} AS "quoteStatus"`,
        [sourceId],
      );
      changed.push(...rows);
    }
    return changed;
  }

  /** The claims citing the source (through an appearance or as evidence), each once. */
  async claimsCiting(sourceId: string): Promise<string[]> {
    const rows = await this.db.manager.query<{ claimId: string }[]>(
      `SELECT claim_id AS "claimId" FROM appearances WHERE source_id = $1
       UNION
       SELECT claim_id FROM evidence WHERE source_id = $1`,
      [sourceId],
    );
    return rows.map((row) => row.claimId);
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
   * Quotes and excerpts still `pending`, made before `before`, whose source
   * has a fetch outcome: the fetch would have checked them, so what is left
   * is the check job queued when they cited a source already fetched.
   */
  async pendingChecksBefore(before: Date, limit: number): Promise<Pick<QuoteTarget, 'kind' | 'id'>[]> {
    return this.db.manager.query<Pick<QuoteTarget, 'kind' | 'id'>[]>(
      `SELECT t.kind, t.id FROM ${targetsRelation} JOIN sources s ON s.id = t.source_id
        WHERE t.status = 'pending' AND s.fetch_status <> 'pending' AND t.created_at < $1
        ORDER BY t.created_at, t.id
        LIMIT $2`,
      [before, limit],
    );
  }

  /**
   * Sources due a re-check: cited by a claim under review, awaiting approval
   * or published, last attempted before `olderThan`, fetched from the web
   * (not given as text), oldest attempt first.
   */
  async dueForRecheck(olderThan: Date, limit: number): Promise<string[]> {
    const rows = await this.db.manager.query<{ id: string }[]>(
      `SELECT s.id FROM sources s
        WHERE s.fetch_status <> 'pending'
          AND coalesce(s.last_attempt_at, s.created_at) < $1
          AND EXISTS (SELECT 1 FROM (SELECT claim_id FROM appearances WHERE source_id = s.id
                                     UNION ALL SELECT claim_id FROM evidence WHERE source_id = s.id) cited
                        JOIN claims c ON c.id = cited.claim_id
                       WHERE c.status = ANY($2))
          AND NOT EXISTS (SELECT 1 FROM source_snapshots ss WHERE ss.source_id = s.id AND ss.http_status IS NULL)
        ORDER BY coalesce(s.last_attempt_at, s.created_at)
        LIMIT $3`,
      [olderThan, rechecked, limit],
    );
    return rows.map((row) => row.id);
  }
}
