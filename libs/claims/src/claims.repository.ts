import { Injectable } from '@nestjs/common';
import { Database } from '@claimdesk/persistence';
import { Appearance } from './appearance.entity';
import type { ClaimStatus, QuoteCheckStatus } from './claim-status';
import { Claim } from './claim.entity';

export interface ClaimRow {
  id: string;
  text: string;
  status: ClaimStatus;
  version: number;
  claimantId: string | null;
  claimantName: string | null;
  claimantRole: string | null;
  claimDate: string | null;
  language: string;
  tags: string[];
  checkWorthiness: number | null;
  createdAt: Date;
  updatedAt: Date;
  /** created_at as PostgreSQL prints it, with microseconds: the exact keyset position. */
  createdKey: string;
  score?: number;
}

export interface AppearanceRow {
  id: string;
  sourceId: string;
  url: string;
  quote: string | null;
  quoteStatus: QuoteCheckStatus | null;
  quoteScore: number | null;
  quoteSnapshotId: string | null;
  quoteStart: number | null;
  quoteEnd: number | null;
  quoteExcerpt: string | null;
  quoteDiff: unknown;
  quoteCheckedAt: Date | null;
}

export interface SimilarRow {
  id: string;
  text: string;
  status: ClaimStatus;
  claimantName: string | null;
  score: number;
  createdAt: Date;
}

export interface ListQuery {
  status?: ClaimStatus;
  claimantId?: string;
  tag?: string;
  limit: number;
}

const claimColumns = `
  c.id, c.text, c.status, c.version, c.claimant_id AS "claimantId", cl.name AS "claimantName",
  cl.role AS "claimantRole", to_char(c.claim_date, 'YYYY-MM-DD') AS "claimDate", c.language, c.tags,
  c.check_worthiness AS "checkWorthiness", c.created_at AS "createdAt", c.updated_at AS "updatedAt",
  c.created_at::text AS "createdKey"`;

/** Below this pg_trgm similarity a fingerprint candidate is not a near match. */
export const nearMatchThreshold = 0.5;

@Injectable()
export class ClaimsRepository {
  constructor(private readonly db: Database) {}

  async insert(
    claim: Omit<Claim, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'status' | 'checkWorthiness'>,
  ): Promise<string> {
    const result = await this.db.manager.insert(Claim, claim);
    return (result.identifiers[0] as { id: string }).id;
  }

  async insertAppearance(
    appearance: Pick<Appearance, 'claimId' | 'sourceId' | 'quote' | 'quoteStatus'>,
  ): Promise<void> {
    await this.db.manager.insert(Appearance, appearance);
  }

  async findById(id: string): Promise<ClaimRow | null> {
    const [row] = await this.db.manager.query<ClaimRow[]>(
      `SELECT ${claimColumns} FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id WHERE c.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** The claim's normalised text and fingerprint, for similarity lookups. */
  async findMatchKeys(id: string): Promise<{ normalizedText: string; textHash: string; fingerprint: number[] } | null> {
    const found = await this.db.manager.findOne(Claim, {
      where: { id },
      select: { id: true, normalizedText: true, textHash: true, fingerprint: true },
    });
    return found ?? null;
  }

  listAppearances(claimId: string): Promise<AppearanceRow[]> {
    return this.db.manager.query<AppearanceRow[]>(
      `SELECT a.id, a.source_id AS "sourceId", s.url, a.quote, a.quote_status AS "quoteStatus",
              a.quote_score AS "quoteScore", a.quote_snapshot_id AS "quoteSnapshotId", a.quote_start AS "quoteStart",
              a.quote_end AS "quoteEnd", a.quote_excerpt AS "quoteExcerpt", a.quote_diff AS "quoteDiff",
              a.quote_checked_at AS "quoteCheckedAt"
         FROM appearances a JOIN sources s ON s.id = a.source_id
        WHERE a.claim_id = $1
        ORDER BY a.created_at, a.id`,
      [claimId],
    );
  }

  /** Newest first, after the keyset position `after` (created_at text, id). */
  listNewest(query: ListQuery, after: { createdKey: string; id: string } | null): Promise<ClaimRow[]> {
    const { where, params } = filterClause(query);
    if (after !== null) {
      params.push(after.createdKey, after.id);
      where.push(`(c.created_at, c.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(query.limit);
    return this.db.manager.query<ClaimRow[]>(
      `SELECT ${claimColumns} FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY c.created_at DESC, c.id DESC
        LIMIT $${params.length}`,
      params,
    );
  }

  /**
   * Full-text matches of every word of `normalizedQuery`, ranked by text rank
   * plus trigram similarity, best first, after the keyset position `after`.
   */
  search(normalizedQuery: string, query: ListQuery, after: { score: number; id: string } | null): Promise<ClaimRow[]> {
    const { where, params } = filterClause(query);
    params.push(normalizedQuery);
    const q = `$${params.length}`;
    where.push(`to_tsvector('simple', c.normalized_text) @@ plainto_tsquery('simple', ${q})`);
    let afterClause = '';
    if (after !== null) {
      params.push(after.score, after.id);
      afterClause = `WHERE (ranked.score, ranked.id) < ($${params.length - 1}::float8, $${params.length}::uuid)`;
    }
    params.push(query.limit);
    return this.db.manager.query<ClaimRow[]>(
      `SELECT * FROM (
         SELECT ${claimColumns},
                (ts_rank_cd(to_tsvector('simple', c.normalized_text), plainto_tsquery('simple', ${q}))
                  + similarity(c.normalized_text, ${q}))::float8 AS score
           FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id
          WHERE ${where.join(' AND ')}
       ) ranked
       ${afterClause}
       ORDER BY ranked.score DESC, ranked.id DESC
       LIMIT $${params.length}`,
      params,
    );
  }

  /** Earlier claims with the same normalised text, oldest first. */
  findExactMatches(textHash: string, excludeId: string | null, limit: number): Promise<SimilarRow[]> {
    return this.db.manager.query<SimilarRow[]>(
      `SELECT c.id, c.text, c.status, cl.name AS "claimantName", 1::float8 AS score, c.created_at AS "createdAt"
         FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id
        WHERE c.text_hash = $1 AND ($2::uuid IS NULL OR c.id <> $2)
        ORDER BY c.created_at, c.id
        LIMIT $3`,
      [textHash, excludeId, limit],
    );
  }

  /**
   * Claims sharing a fingerprint band (found through the GIN index), scored by
   * trigram similarity; exact duplicates are left to {@link findExactMatches}.
   */
  findNearMatches(
    keys: { normalizedText: string; textHash: string; fingerprint: number[] },
    excludeId: string | null,
    limit: number,
  ): Promise<SimilarRow[]> {
    return this.db.manager.query<SimilarRow[]>(
      `SELECT * FROM (
         SELECT c.id, c.text, c.status, cl.name AS "claimantName",
                similarity(c.normalized_text, $1)::float8 AS score, c.created_at AS "createdAt"
           FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id
          WHERE c.fingerprint && $2::int[] AND c.text_hash <> $3 AND ($4::uuid IS NULL OR c.id <> $4)
       ) candidates
       WHERE score >= $5
       ORDER BY score DESC, "createdAt", id
       LIMIT $6`,
      [keys.normalizedText, keys.fingerprint, keys.textHash, excludeId, nearMatchThreshold, limit],
    );
  }
}

function filterClause(query: ListQuery): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
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
  return { where, params };
}
