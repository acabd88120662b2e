import { Injectable } from '@nestjs/common';
import { Database } from '@claimdesk/persistence';
import { Appearance } from './appearance.entity';
import type { ClaimListTerms, ListedClaim } from './claim-list-terms';
import type { ClaimStatus } from './claim-status';
import type { ClaimSort, ReviewedClaimView } from './claim.views';
import { Claim } from './claim.entity';

export interface ClaimRow {
  id: string;
  text: string;
  headline: string | null;
  status: ClaimStatus;
  version: number;
  claimantId: string | null;
  claimantName: string | null;
  claimantRole: string | null;
  claimDate: string | null;
  language: string;
  tags: string[];
  checkWorthiness: number | null;
  duplicateOf: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** created_at as PostgreSQL prints it, with microseconds: the exact keyset position. */
  createdKey: string;
  /** When the claim entered its current status. */
  statusChangedAt: Date;
  /** status_changed_at as PostgreSQL prints it: the keyset position of the status-age order. */
  statusKey: string;
  score?: number;
  /** Lists with the workflow's terms only: the verdicts in the round on show (see ClaimListTerms). */
  verdictCount?: number;
  /** Lists with the workflow's terms only: whether the verdicts on the current version disagree. */
  split?: boolean;
}

type InsertedClaim = Pick<
  ClaimRow,
  'id' | 'status' | 'version' | 'createdAt' | 'updatedAt' | 'createdKey' | 'statusChangedAt' | 'statusKey'
>;

/** What similarity lookups compare: the normalised text, its hash and its fingerprint. */
export interface MatchKeys {
  normalizedText: string;
  textHash: string;
  fingerprint: number[];
}

export type ClaimDetailRow = ClaimRow & MatchKeys;

/** Where the claim stands in the review workflow: its status, version, and the versions whose verdicts were split. */
export interface ClaimState {
  id: string;
  status: ClaimStatus;
  version: number;
  /** The version whose split verdicts the consensus job flagged. */
  disagreementVersion: number | null;
  /** The version whose split verdicts an editor asked another reviewer to settle. */
  tiebreakVersion: number | null;
}

/** A reviewed claim as stored: its appearances by source (the sources lib has their URLs). */
export type ReviewedClaimRow = Omit<ReviewedClaimView, 'appearanceUrls'> & {
  /** The sources of its appearances, oldest appearance first. */
  appearanceSourceIds: string[];
};

/** The columns an edit may change; each left undefined stays as it is. */
export interface ClaimEditColumns {
  text?: MatchKeys & { text: string };
  headline?: string | null;
  tags?: string[];
  claimDate?: string | null;
  claimant?: { id: string | null; role: string | null };
}

export interface AppearanceRow {
  id: string;
  sourceId: string;
  url: string;
  quote: string | null;
}

export interface SimilarRow {
  id: string;
  text: string;
  status: ClaimStatus;
  claimantName: string | null;
  score: number;
  createdAt: Date;
  match: 'exact' | 'near';
}

export interface ListQuery {
  status?: ClaimStatus;
  claimantId?: string;
  tag?: string;
  /** Part of the claimant's normalised name. */
  speaker?: string;
  /** The review workflow's filters and columns (assignees, verdicts), in SQL of the lib that owns those tables. */
  terms?: ClaimListTerms;
  limit: number;
}

/** The orders a list can take besides search relevance; status_age is longest in its status first. */
export type ListOrder = ClaimSort;

/** One side of a keyset position: the rows after it in the list's order, or those before it. */
export interface ListBound<P> {
  position: P;
  direction: 'after' | 'before';
}

const listOrders: Record<ListOrder, { column: string; descending: boolean }> = {
  newest: { column: 'c.created_at', descending: true },
  oldest: { column: 'c.created_at', descending: false },
  status_age: { column: 'c.status_changed_at', descending: false },
};

/** The listed claim's columns, for the review workflow's terms. */
const listedClaim: ListedClaim = {
  id: 'c.id',
  status: 'c.status',
  version: 'c.version',
  disagreementVersion: 'c.disagreement_version',
};

const claimColumns = `
  c.id, c.text, c.headline, c.status, c.version, c.claimant_id AS "claimantId", cl.name AS "claimantName",
  COALESCE(c.claimant_role, cl.role) AS "claimantRole", to_char(c.claim_date, 'YYYY-MM-DD') AS "claimDate", c.language, c.tags,
  c.check_worthiness AS "checkWorthiness", c.duplicate_of AS "duplicateOf", c.created_at AS "createdAt",
  c.updated_at AS "updatedAt",
  c.created_at::text AS "createdKey", c.status_changed_at AS "statusChangedAt", c.status_changed_at::text AS "statusKey"`;

const claimStateColumns = `disagreement_version AS "disagreementVersion", tiebreak_version AS "tiebreakVersion"`;

/** Below this pg_trgm similarity a fingerprint candidate is not a near match. */
export const nearMatchThreshold = 0.5;

/**
 * At most this many full-text matches are ranked per search. A search for two
 * common words can match 1% of all claims; ranking 13,000 of them took 500 ms
 * at 1M claims, ranking 500 takes a few. Broad searches are narrowed by adding
 * words (see the README).
 */
export const searchCandidates = 500;

/**
 * At most this many claims sharing a fingerprint band are considered, and of
 * those only the {@link nearMatchScored} sharing the most bands (the number of
 * shared bands grows with the similarity of the texts) are scored with
 * trigram similarity. Clusters of claims built on one phrasing can share bands
 * by the thousand: scoring them all cost 50 ms at 1M claims.
 */
export const nearMatchCandidates = 2000;
export const nearMatchScored = 50;

const appearanceColumns = `a.id, a.source_id AS "sourceId", a.quote`;

@Injectable()
export class ClaimsRepository {
  constructor(private readonly db: Database) {}

  /** Inserts the claim; returns what the database filled in. */
  async insert(
    claim: Omit<
      Claim,
      | 'id'
      | 'createdAt'
      | 'updatedAt'
      | 'version'
      | 'status'
      | 'checkWorthiness'
      | 'duplicateOf'
      | 'disagreementVersion'
      | 'tiebreakVersion'
      | 'statusChangedAt'
    >,
  ): Promise<InsertedClaim> {
    const [row] = await this.db.manager.query<InsertedClaim[]>(
      `INSERT INTO claims (text, headline, normalized_text, text_hash, fingerprint, claimant_id, claim_date, language, tags, created_by, claimant_role)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       RETURNING id, status, version, created_at AS "createdAt", updated_at AS "updatedAt", created_at::text AS "createdKey",
                 status_changed_at AS "statusChangedAt", status_changed_at::text AS "statusKey"`,
      [
        claim.text,
        claim.headline,
        claim.normalizedText,
        claim.textHash,
        claim.fingerprint,
        claim.claimantId,
        claim.claimDate,
        claim.language,
        claim.tags,
        claim.createdBy,
        claim.claimantRole,
      ],
    );
    return row!;
  }

  /** The claim as {@link findById} reads it, locked for an edit until the transaction ends. */
  async lockForEdit(id: string): Promise<ClaimDetailRow | null> {
    const [row] = await this.db.manager.query<ClaimDetailRow[]>(
      `SELECT ${claimColumns}, c.normalized_text AS "normalizedText", c.text_hash AS "textHash", c.fingerprint
         FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id WHERE c.id = $1 FOR UPDATE OF c`,
      [id],
    );
    return row ?? null;
  }

  /**
   * Writes an edit if the claim is still at `version`, bumping it (verdicts
   * count for the version they were given on). Returns the new version, or
   * null when another change got there first.
   */
  async applyEdit(id: string, version: number, edit: ClaimEditColumns): Promise<number | null> {
    const sets: string[] = [];
    const values: unknown[] = [id, version];
    const set = (column: string, value: unknown, cast = '') => {
      values.push(value);
      sets.push(`${column} = $${values.length}${cast}`);
    };
    if (edit.text !== undefined) {
      set('text', edit.text.text);
      set('normalized_text', edit.text.normalizedText);
      set('text_hash', edit.text.textHash);
      set('fingerprint', edit.text.fingerprint);
    }
    if (edit.headline !== undefined) set('headline', edit.headline);
    if (edit.tags !== undefined) set('tags', edit.tags);
    if (edit.claimDate !== undefined) set('claim_date', edit.claimDate, '::date');
    if (edit.claimant !== undefined) {
      set('claimant_id', edit.claimant.id);
      set('claimant_role', edit.claimant.role);
    }
    const rows = await this.db.manager.query<[{ version: number }[], number]>(
      `UPDATE claims SET ${sets.join(', ')}, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 RETURNING version`,
      values,
    );
    return rows[0][0]?.version ?? null;
  }

  /** Inserts the appearance; returns it as {@link listAppearances} would, given the source's URL. */
  async insertAppearance(
    appearance: Pick<Appearance, 'claimId' | 'sourceId' | 'quote'>,
    url: string,
  ): Promise<AppearanceRow> {
    const [row] = await this.db.manager.query<Omit<AppearanceRow, 'url'>[]>(
      `INSERT INTO appearances AS a (claim_id, source_id, quote) VALUES ($1, $2, $3)
       RETURNING ${appearanceColumns}`,
      [appearance.claimId, appearance.sourceId, appearance.quote],
    );
    return { ...row!, url };
  }

  /** The claim with its claimant, its match keys and its workflow state. */
  async findById(id: string): Promise<(ClaimDetailRow & ClaimState) | null> {
    const [row] = await this.db.manager.query<(ClaimDetailRow & ClaimState)[]>(
      `SELECT ${claimColumns}, c.normalized_text AS "normalizedText", c.text_hash AS "textHash", c.fingerprint,
              ${claimStateColumns}
         FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id WHERE c.id = $1`,
      [id],
    );
    return row ?? null;
  }

  async exists(id: string): Promise<boolean> {
    return (await this.db.manager.query<unknown[]>(`SELECT 1 FROM claims WHERE id = $1`, [id])).length > 0;
  }

  /** The claim's appearances, oldest first, without their sources' URLs (the sources lib has those). */
  listAppearances(claimId: string): Promise<Omit<AppearanceRow, 'url'>[]> {
    return this.db.manager.query<Omit<AppearanceRow, 'url'>[]>(
      `SELECT ${appearanceColumns}
         FROM appearances a
        WHERE a.claim_id = $1
        ORDER BY a.created_at, a.id`,
      [claimId],
    );
  }

  /** The claims with these ids, in no particular order; unknown ids are left out. */
  listByIds(ids: readonly string[]): Promise<ClaimRow[]> {
    return this.db.manager.query<ClaimRow[]>(
      `SELECT ${claimColumns} FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /**
   * The oldest transaction still running, as the text feed's mark: every text
   * written by a transaction below it is committed (or rolled back) now.
   */
  async textFeedHorizon(): Promise<string> {
    const [row] = await this.db.dataSource.query<{ horizon: string }[]>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon`,
    );
    return row!.horizon;
  }

  /**
   * Claim texts (and headlines) written by transactions at or above the mark `since`, in
   * (transaction, id) order after the keyset position `after`. Reads outside
   * any transaction: the feed must see what others committed.
   */
  readTextChanges(
    since: string,
    after: { xid: string; id: string } | null,
    limit: number,
  ): Promise<{ id: string; text: string; headline: string | null; xid: string }[]> {
    return this.db.dataSource.query(
      `SELECT id, text, headline, text_xid::text AS xid FROM claims
        WHERE text_xid >= $1::bigint AND (text_xid, id) > ($2::bigint, $3::uuid)
        ORDER BY text_xid, id
        LIMIT $4`,
      [since, after?.xid ?? '-1', after?.id ?? '00000000-0000-0000-0000-000000000000', limit],
    );
  }

  /** The claims with an appearance on the source, each once. */
  async idsCitingSource(sourceId: string): Promise<string[]> {
    const rows = await this.db.manager.query<{ id: string }[]>(
      `SELECT DISTINCT claim_id AS id FROM appearances WHERE source_id = $1`,
      [sourceId],
    );
    return rows.map((row) => row.id);
  }

  /** Those of the sources with an appearance of a claim in one of `statuses`. */
  async sourcesCitedIn(sourceIds: readonly string[], statuses: readonly string[]): Promise<string[]> {
    if (sourceIds.length === 0) return [];
    const rows = await this.db.manager.query<{ id: string }[]>(
      `SELECT DISTINCT a.source_id AS id FROM appearances a JOIN claims c ON c.id = a.claim_id
        WHERE a.source_id = ANY($1::uuid[]) AND c.status = ANY($2::text[])`,
      [sourceIds, statuses],
    );
    return rows.map((row) => row.id);
  }

  /** Those of the claims in one of `statuses`. */
  async idsIn(ids: readonly string[], statuses: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.manager.query<{ id: string }[]>(
      `SELECT id FROM claims WHERE id = ANY($1::uuid[]) AND status = ANY($2::text[])`,
      [ids, statuses],
    );
    return rows.map((row) => row.id);
  }

  /** The claims with an appearance on the source, newest first. */
  listCitingSource(sourceId: string, limit: number): Promise<ClaimRow[]> {
    return this.db.manager.query<ClaimRow[]>(
      `SELECT ${claimColumns} FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id
        WHERE EXISTS (SELECT 1 FROM appearances a WHERE a.claim_id = c.id AND a.source_id = $1)
        ORDER BY c.created_at DESC, c.id DESC
        LIMIT $2`,
      [sourceId, limit],
    );
  }

  /**
   * A page in the order `order`, on one side of the keyset position `bound`
   * (the order's timestamp as PostgreSQL prints it, and the id). Rows before
   * the position come nearest first, that is in the reverse of the order.
   * With `words` (normalised), only claims with every word, unranked.
   */
  listOrdered(
    query: ListQuery,
    order: ListOrder,
    bound: ListBound<{ key: string; id: string }> | null,
    words?: string,
  ): Promise<ClaimRow[]> {
    const { where, params, columns } = filterClause(query);
    if (words !== undefined) {
      params.push(words);
      where.push(`c.search_vector @@ plainto_tsquery('simple', $${params.length})`);
    }
    const { column, descending } = listOrders[order];
    // Reading backwards flips both the comparison and the direction of the scan.
    const backwards = bound?.direction === 'before';
    const descendingScan = descending !== backwards;
    if (bound !== null) {
      params.push(bound.position.key, bound.position.id);
      where.push(
        `(${column}, c.id) ${descendingScan ? '<' : '>'} ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    params.push(query.limit);
    const direction = descendingScan ? 'DESC' : 'ASC';
    return this.db.manager.query<ClaimRow[]>(
      `SELECT ${claimColumns}${columns} FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${column} ${direction}, c.id ${direction}
        LIMIT $${params.length}`,
      params,
    );
  }

  /**
   * Full-text matches of every word of `normalizedQuery`, ranked by text rank
   * (normalised by length) plus trigram similarity, best first, after the
   * keyset position `after`. At most {@link searchCandidates} matches are
   * ranked: the first the GIN index yields. Rows before the position come
   * nearest first, as in {@link listOrdered}.
   */
  search(
    normalizedQuery: string,
    query: ListQuery,
    bound: ListBound<{ score: number; id: string }> | null,
  ): Promise<ClaimRow[]> {
    const { where, params, columns } = filterClause(query);
    params.push(normalizedQuery);
    const q = `$${params.length}`;
    where.push(`c.search_vector @@ plainto_tsquery('simple', ${q})`);
    const direction = bound?.direction === 'before' ? 'ASC' : 'DESC';
    let afterClause = '';
    if (bound !== null) {
      params.push(bound.position.score, bound.position.id);
      afterClause = `WHERE (ranked.score, ranked.id) ${direction === 'DESC' ? '<' : '>'} ($${params.length - 1}::float8, $${params.length}::uuid)`;
    }
    params.push(searchCandidates, query.limit);
    return this.db.manager.query<ClaimRow[]>(
      `WITH matches AS (
         SELECT c.id, c.search_vector, c.normalized_text FROM claims c
          WHERE ${where.join(' AND ')}
          LIMIT $${params.length - 1}),
       ranked AS (
         SELECT m.id, (ts_rank_cd(m.search_vector, plainto_tsquery('simple', ${q}), 2) + similarity(m.normalized_text, ${q}))::float8 AS score
           FROM matches m),
       page AS (
         SELECT ranked.id, ranked.score FROM ranked ${afterClause}
          ORDER BY ranked.score ${direction}, ranked.id ${direction}
          LIMIT $${params.length})
       SELECT ${claimColumns}${columns}, page.score
         FROM page JOIN claims c ON c.id = page.id LEFT JOIN claimants cl ON cl.id = c.claimant_id
        ORDER BY page.score ${direction}, page.id ${direction}`,
      params,
    );
  }

  /**
   * Other claims like this one, in one statement: those with the same
   * normalised text (oldest first, score 1), then near matches: claims sharing
   * a fingerprint band, found through the GIN index, the closest of them
   * (by bands shared) scored by trigram similarity. Up to `limit` of each kind.
   */
  findSimilar(keys: MatchKeys, excludeId: string | null, limit: number): Promise<SimilarRow[]> {
    return this.db.prepared<SimilarRow>(
      'claims.find-similar',
      `(SELECT c.id, c.text, c.status, cl.name AS "claimantName", 1::float8 AS score, c.created_at AS "createdAt",
               'exact' AS match
          FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id
         WHERE c.text_hash = $3 AND ($4::uuid IS NULL OR c.id <> $4)
         ORDER BY c.created_at, c.id
         LIMIT $6)
       UNION ALL
       (SELECT scored.id, scored.text, scored.status, cl.name, scored.score, scored.created_at, 'near'
          FROM (SELECT best.*, similarity(best.normalized_text, $1)::float8 AS score
                  FROM (SELECT candidate.*
                          FROM (SELECT c.id, c.text, c.status, c.claimant_id, c.created_at, c.normalized_text,
                                       (SELECT count(*) FROM unnest(c.fingerprint) AS band WHERE band = ANY($2::int[])) AS shared
                                  FROM claims c
                                 WHERE c.fingerprint && $2::int[] AND c.text_hash <> $3 AND ($4::uuid IS NULL OR c.id <> $4)
                                 LIMIT $7) candidate
                         ORDER BY candidate.shared DESC
                         LIMIT $8) best) scored
          LEFT JOIN claimants cl ON cl.id = scored.claimant_id
         WHERE scored.score >= $5
         ORDER BY scored.score DESC, scored.created_at, scored.id
         LIMIT $6)`,
      [
        keys.normalizedText,
        keys.fingerprint,
        keys.textHash,
        excludeId,
        nearMatchThreshold,
        limit,
        nearMatchCandidates,
        nearMatchScored,
      ],
    );
  }

  /**
   * The claim's workflow state; with `lock`, locked for the rest of the
   * transaction: `update` for a change of status, `share` for work that
   * needs the status to hold (verdicts) but may run beside other such work.
   */
  async findState(id: string, lock?: 'update' | 'share'): Promise<ClaimState | null> {
    const [row] = await this.db.manager.query<ClaimState[]>(
      `SELECT id, status, version, ${claimStateColumns}
         FROM claims WHERE id = $1 ${lock === 'update' ? 'FOR UPDATE' : lock === 'share' ? 'FOR SHARE' : ''}`,
      [id],
    );
    return row ?? null;
  }

  /**
   * Moves the claim from `from` to `to` if it is still at `version`: the
   * optimistic lock. Returns the new version, or null when another change
   * got there first.
   */
  async changeStatus(
    id: string,
    version: number,
    from: ClaimStatus,
    to: ClaimStatus,
    duplicateOf: string | null,
  ): Promise<{ version: number; updatedAt: Date } | null> {
    const [rows] = await this.db.manager.query<[{ version: number; updatedAt: Date }[], number]>(
      `UPDATE claims
          SET status = $4, version = version + 1, duplicate_of = $5, updated_at = now()
        WHERE id = $1 AND version = $2 AND status = $3
        RETURNING version, updated_at AS "updatedAt"`,
      [id, version, from, to, duplicateOf],
    );
    return rows[0] ?? null;
  }

  async setDisagreementVersion(id: string, version: number): Promise<void> {
    await this.db.manager.query(`UPDATE claims SET disagreement_version = $2 WHERE id = $1`, [id, version]);
  }

  async setTiebreakVersion(id: string, version: number): Promise<void> {
    await this.db.manager.query(`UPDATE claims SET tiebreak_version = $2 WHERE id = $1`, [id, version]);
  }

  /** Up to `limit` claims in review with their current version, by id after `afterId`. */
  listInReview(afterId: string | null, limit: number): Promise<ClaimState[]> {
    return this.db.manager.query<ClaimState[]>(
      `SELECT id, status, version, ${claimStateColumns} FROM claims
        WHERE status = 'in_review' AND ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
  }

  /** The claims as ClaimReview describes them: text, date, claimant and the sources they appeared in. */
  findReviewed(ids: readonly string[]): Promise<ReviewedClaimRow[]> {
    return this.db.manager.query<ReviewedClaimRow[]>(
      `SELECT c.id, c.text, c.headline, to_char(c.claim_date, 'YYYY-MM-DD') AS "claimDate", cl.name AS "claimantName",
              COALESCE(c.claimant_role, cl.role) AS "claimantRole",
              coalesce((SELECT array_agg(a.source_id ORDER BY a.created_at, a.id)
                          FROM appearances a WHERE a.claim_id = c.id), '{}') AS "appearanceSourceIds"
         FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id
        WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
  }
}

/**
 * The conditions and parameters of the list's filters, with the review
 * workflow's terms, and the columns those add (verdict count, split).
 */
function filterClause(query: ListQuery): { where: string[]; params: unknown[]; columns: string } {
  const where: string[] = [];
  const params: unknown[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.status !== undefined) {
    params.push(query.status);
    where.push(`c.status = $${params.length}`);
  }
  if (query.claimantId !== undefined) {
    params.push(query.claimantId);
    where.push(`c.claimant_id = $${params.length}`);
  }
  if (query.tag !== undefined) {
    params.push([query.tag]);
    where.push(`c.tags @> $${params.length}::text[]`);
  }
  if (query.speaker !== undefined) {
    // A part of a name, wildcards taken literally; the trigram index serves the infix match.
    params.push(`%${query.speaker.replace(/[\\%_]/g, '\\$&')}%`);
    where.push(
      `c.claimant_id IN (SELECT cl2.id FROM claimants cl2 WHERE cl2.normalized_name ILIKE $${params.length} ESCAPE '\\')`,
    );
  }
  const terms = query.terms;
  if (terms === undefined) return { where, params, columns: '' };
  for (const term of terms.where) where.push(term(listedClaim, bind));
  const columns = `,
  ${terms.verdictCount(listedClaim, bind)} AS "verdictCount",
  ${terms.split(listedClaim, bind)} AS split`;
  return { where, params, columns };
}
