import { Injectable } from '@nestjs/common';
import { Database } from '@claimdesk/persistence';
import type { QuoteMatch } from './quote-check';
import type { CitedText, QuoteCheckStatus, QuoteCheckView, QuoteTarget } from './quote-check.views';

/** A check with what it checks, as the checking jobs read it. */
export interface QuoteCheckRow extends CitedText {
  status: QuoteCheckStatus;
  snapshotId: string | null;
}

/** A pending check, with what places it in the sweep's order. */
export interface PendingCheckRow extends QuoteTarget {
  sourceId: string;
  createdKey: string;
  checkId: string;
}

/** The column that holds the id of each kind of target. */
const targetColumn = { appearance: 'appearance_id', evidence: 'evidence_id' } as const;

const rowColumns = `
  CASE WHEN appearance_id IS NULL THEN 'evidence' ELSE 'appearance' END AS kind,
  coalesce(appearance_id, evidence_id) AS id, claim_id AS "claimId", source_id AS "sourceId", quote,
  status, snapshot_id AS "snapshotId"`;

const viewColumns = `
  status, score, snapshot_id AS "snapshotId", start, "end", excerpt, diff, checked_at AS "checkedAt"`;

/** SQL of quote checks: the only code that names `quote_checks`. */
@Injectable()
export class QuoteCheckRepository {
  constructor(private readonly db: Database) {}

  /** Records the pending check of the cited text; returns it as {@link viewsOf} would. */
  async open(cited: CitedText): Promise<QuoteCheckView> {
    const [row] = await this.db.manager.query<QuoteCheckView[]>(
      `INSERT INTO quote_checks (${targetColumn[cited.kind]}, claim_id, source_id, quote)
       VALUES ($1, $2, $3, $4)
       RETURNING ${viewColumns}`,
      [cited.id, cited.claimId, cited.sourceId, cited.quote],
    );
    return row!;
  }

  /** The checks of the targets of one kind, by target id; targets citing no text have none. */
  async viewsOf(kind: QuoteTarget['kind'], ids: readonly string[]): Promise<Map<string, QuoteCheckView>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.manager.query<(QuoteCheckView & { targetId: string })[]>(
      `SELECT ${targetColumn[kind]} AS "targetId", ${viewColumns}
         FROM quote_checks WHERE ${targetColumn[kind]} = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map(({ targetId, ...view }) => [targetId, view]));
  }

  async find(target: QuoteTarget): Promise<QuoteCheckRow | null> {
    const [row] = await this.db.manager.query<QuoteCheckRow[]>(
      `SELECT ${rowColumns} FROM quote_checks WHERE ${targetColumn[target.kind]} = $1`,
      [target.id],
    );
    return row ?? null;
  }

  /**
   * The checks of text cited from the source: all of them, or those not yet
   * made against a snapshot (`pending`, or `source_unavailable` after a
   * failed fetch the source has since recovered from). In citation order.
   */
  citing(sourceId: string, which: 'all' | 'unchecked'): Promise<QuoteCheckRow[]> {
    return this.db.manager.query<QuoteCheckRow[]>(
      `SELECT ${rowColumns} FROM quote_checks
        WHERE source_id = $1 AND ($2 OR status IN ('pending', 'source_unavailable'))
        ORDER BY created_at, coalesce(appearance_id, evidence_id)`,
      [sourceId, which === 'all'],
    );
  }

  async record(target: QuoteTarget, snapshotId: string, match: QuoteMatch): Promise<void> {
    await this.db.manager.query(
      `UPDATE quote_checks
          SET status = $2, score = $3, snapshot_id = $4, start = $5, "end" = $6, excerpt = $7, diff = $8,
              checked_at = now()
        WHERE ${targetColumn[target.kind]} = $1`,
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

  /** Marks the source's pending checks `source_unavailable`; returns those changed. */
  async markUnavailable(sourceId: string): Promise<QuoteCheckRow[]> {
    const [rows] = await this.db.manager.query<[QuoteCheckRow[], number]>(
      `UPDATE quote_checks SET status = 'source_unavailable', checked_at = now()
        WHERE source_id = $1 AND status = 'pending'
        RETURNING ${rowColumns}`,
      [sourceId],
    );
    return rows;
  }

  /**
   * Checks still `pending` whose text was cited before `before`, oldest
   * first, after the keyset position `after`.
   */
  pendingBefore(
    before: Date,
    after: Pick<PendingCheckRow, 'createdKey' | 'checkId'> | null,
    limit: number,
  ): Promise<PendingCheckRow[]> {
    return this.db.manager.query<PendingCheckRow[]>(
      `SELECT CASE WHEN appearance_id IS NULL THEN 'evidence' ELSE 'appearance' END AS kind,
              coalesce(appearance_id, evidence_id) AS id, source_id AS "sourceId",
              created_at::text AS "createdKey", id AS "checkId"
         FROM quote_checks
        WHERE status = 'pending' AND created_at < $1
          AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
        ORDER BY created_at, id
        LIMIT $4`,
      [before, after?.createdKey ?? null, after?.checkId ?? null, limit],
    );
  }
}
