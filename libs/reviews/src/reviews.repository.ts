import { Injectable } from '@nestjs/common';
import type { ClaimStatus } from '@claimdesk/claims';
import { Database } from '@claimdesk/persistence';
import type { Stance } from './evidence.entity';
import type { Rating } from './rating';

export interface ClaimState {
  id: string;
  status: ClaimStatus;
  version: number;
  disagreementVersion: number | null;
  tiebreakVersion: number | null;
}

export interface VerdictRow {
  id: string;
  reviewerId: string;
  reviewerName: string;
  rating: Rating;
  rationale: string;
  evidenceIds: string[];
  claimVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Evidence as stored; its excerpt's check is kept by libs/checking. */
export interface EvidenceRow {
  id: string;
  sourceId: string;
  url: string;
  stance: Stance;
  excerpt: string | null;
  note: string | null;
  addedById: string | null;
  addedByName: string | null;
  createdAt: Date;
}

export interface ReviewRow {
  id: string;
  claimId: string;
  version: number;
  claimVersion: number;
  rating: Rating;
  summary: string;
  correctionNote: string | null;
  publishedAt: Date;
  publishedById: string | null;
  publishedByName: string | null;
}

/** The claim a published review is about, as ClaimReview describes it. */
export interface ReviewedClaimRow {
  id: string;
  text: string;
  headline: string | null;
  claimDate: string | null;
  claimantName: string | null;
  claimantRole: string | null;
  appearanceUrls: string[];
}

const claimStateColumns = `disagreement_version AS "disagreementVersion", tiebreak_version AS "tiebreakVersion"`;

const verdictColumns = `v.id, v.reviewer_id AS "reviewerId", u.name AS "reviewerName", v.rating, v.rationale,
  v.evidence_ids AS "evidenceIds", v.claim_version AS "claimVersion", v.created_at AS "createdAt",
  v.updated_at AS "updatedAt"`;

const reviewColumns = `r.id, r.claim_id AS "claimId", r.version, r.claim_version AS "claimVersion", r.rating,
  r.summary, r.correction_note AS "correctionNote", r.published_at AS "publishedAt",
  r.published_by AS "publishedById", u.name AS "publishedByName"`;

/** SQL of the review workflow: claim status, assignments, evidence, verdicts and published reviews. */
@Injectable()
export class ReviewsRepository {
  constructor(private readonly db: Database) {}

  /**
   * The claim's status and version, locked for the rest of the transaction:
   * `update` for a change of status, `share` for work that needs the status
   * to hold (verdicts) but may run beside other such work.
   */
  async lockClaim(id: string, mode: 'update' | 'share'): Promise<ClaimState | null> {
    const [row] = await this.db.manager.query<ClaimState[]>(
      `SELECT id, status, version, ${claimStateColumns}
         FROM claims WHERE id = $1 ${mode === 'update' ? 'FOR UPDATE' : 'FOR SHARE'}`,
      [id],
    );
    return row ?? null;
  }

  async findClaimState(id: string): Promise<ClaimState | null> {
    const [row] = await this.db.manager.query<ClaimState[]>(
      `SELECT id, status, version, ${claimStateColumns} FROM claims WHERE id = $1`,
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

  async flagDisagreement(id: string, version: number): Promise<void> {
    await this.db.manager.query(`UPDATE claims SET disagreement_version = $2 WHERE id = $1`, [id, version]);
  }

  /** Marks the version's split verdicts as to be settled by the most common rating once another reviewer gives theirs. */
  async requestTiebreak(id: string, version: number): Promise<void> {
    await this.db.manager.query(`UPDATE claims SET tiebreak_version = $2 WHERE id = $1`, [id, version]);
  }

  async claimExists(id: string): Promise<boolean> {
    return (await this.db.manager.query<unknown[]>(`SELECT 1 FROM claims WHERE id = $1`, [id])).length > 0;
  }

  async findUserByEmail(email: string): Promise<{ id: string; name: string; role: string } | null> {
    const [row] = await this.db.manager.query<{ id: string; name: string; role: string }[]>(
      `SELECT id, name, role FROM users WHERE lower(email) = lower($1)`,
      [email],
    );
    return row ?? null;
  }

  /** Assigns the reviewer; false when they already were. */
  async assign(claimId: string, reviewerId: string, assignedBy: string): Promise<boolean> {
    const rows = await this.db.manager.query<unknown[]>(
      `INSERT INTO assignments (claim_id, reviewer_id, assigned_by) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [claimId, reviewerId, assignedBy],
    );
    return rows.length > 0;
  }

  listAssignees(claimId: string): Promise<{ id: string; name: string; assignedAt: Date }[]> {
    return this.db.manager.query(
      `SELECT u.id, u.name, a.created_at AS "assignedAt"
         FROM assignments a JOIN users u ON u.id = a.reviewer_id
        WHERE a.claim_id = $1 ORDER BY a.created_at, u.id`,
      [claimId],
    );
  }

  /** The assignees of each of the claims, in one query, each claim's in assignment order. */
  listAssigneesOfClaims(claimIds: readonly string[]): Promise<{ claimId: string; id: string; name: string }[]> {
    return this.db.manager.query(
      `SELECT a.claim_id AS "claimId", u.id, u.name
         FROM assignments a JOIN users u ON u.id = a.reviewer_id
        WHERE a.claim_id = ANY($1::uuid[]) ORDER BY a.claim_id, a.created_at, u.id`,
      [claimIds],
    );
  }

  async insertEvidence(evidence: {
    claimId: string;
    sourceId: string;
    stance: Stance;
    excerpt: string | null;
    note: string | null;
    addedBy: string;
  }): Promise<string> {
    const [row] = await this.db.manager.query<{ id: string }[]>(
      `INSERT INTO evidence (claim_id, source_id, stance, excerpt, note, added_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id`,
      [evidence.claimId, evidence.sourceId, evidence.stance, evidence.excerpt, evidence.note, evidence.addedBy],
    );
    return row!.id;
  }

  listEvidence(claimId: string): Promise<EvidenceRow[]> {
    return this.db.manager.query<EvidenceRow[]>(
      `SELECT e.id, e.source_id AS "sourceId", s.url, e.stance, e.excerpt, e.note,
              e.added_by AS "addedById", u.name AS "addedByName", e.created_at AS "createdAt"
         FROM evidence e JOIN sources s ON s.id = e.source_id LEFT JOIN users u ON u.id = e.added_by
        WHERE e.claim_id = $1 ORDER BY e.created_at, e.id`,
      [claimId],
    );
  }

  /** The claims with evidence from the source, each once. */
  async claimsWithEvidenceFrom(sourceId: string): Promise<string[]> {
    const rows = await this.db.manager.query<{ claimId: string }[]>(
      `SELECT DISTINCT claim_id AS "claimId" FROM evidence WHERE source_id = $1`,
      [sourceId],
    );
    return rows.map((row) => row.claimId);
  }

  /** Which claims have evidence from which of the sources, each pair once. */
  evidenceFrom(sourceIds: readonly string[]): Promise<{ sourceId: string; claimId: string }[]> {
    if (sourceIds.length === 0) return Promise.resolve([]);
    return this.db.manager.query(
      `SELECT DISTINCT source_id AS "sourceId", claim_id AS "claimId" FROM evidence WHERE source_id = ANY($1::uuid[])`,
      [sourceIds],
    );
  }

  /** The ids among `ids` that are evidence of the claim. */
  async evidenceOf(claimId: string, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.manager.query<{ id: string }[]>(
      `SELECT id FROM evidence WHERE claim_id = $1 AND id = ANY($2::uuid[])`,
      [claimId, ids],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Records the reviewer's verdict on the claim version, replacing an earlier
   * one on the same version. Returns it with the rating it replaced, if any.
   */
  async upsertVerdict(verdict: {
    claimId: string;
    claimVersion: number;
    reviewerId: string;
    rating: Rating;
    rationale: string;
    evidenceIds: string[];
  }): Promise<{ id: string; previousRating: Rating | null; createdAt: Date; updatedAt: Date }> {
    const [row] = await this.db.manager.query<
      { id: string; previousRating: Rating | null; createdAt: Date; updatedAt: Date }[]
    >(
      `WITH previous AS (
         SELECT rating FROM verdicts WHERE claim_id = $1 AND claim_version = $2 AND reviewer_id = $3)
       INSERT INTO verdicts AS v (claim_id, claim_version, reviewer_id, rating, rationale, evidence_ids)
       VALUES ($1, $2, $3, $4, $5, $6::uuid[])
       ON CONFLICT (claim_id, claim_version, reviewer_id)
       DO UPDATE SET rating = excluded.rating, rationale = excluded.rationale,
                     evidence_ids = excluded.evidence_ids, updated_at = now()
       RETURNING v.id, (SELECT rating FROM previous) AS "previousRating", v.created_at AS "createdAt",
                 v.updated_at AS "updatedAt"`,
      [
        verdict.claimId,
        verdict.claimVersion,
        verdict.reviewerId,
        verdict.rating,
        verdict.rationale,
        verdict.evidenceIds,
      ],
    );
    return row!;
  }

  /** The verdicts given on one version of the claim, oldest first. */
  verdictsOn(claimId: string, claimVersion: number): Promise<VerdictRow[]> {
    return this.db.manager.query<VerdictRow[]>(
      `SELECT ${verdictColumns} FROM verdicts v JOIN users u ON u.id = v.reviewer_id
        WHERE v.claim_id = $1 AND v.claim_version = $2 ORDER BY v.created_at, v.id`,
      [claimId, claimVersion],
    );
  }

  /**
   * Claims in review whose verdicts on their current version call for a
   * status change that has not happened, the latest given before `before`:
   * at least `minVerdicts` agreeing (consensus) or some disagreeing without
   * the disagreement flagged for this version.
   */
  async awaitingEvaluationBefore(
    before: Date,
    minVerdicts: number,
    limit: number,
  ): Promise<{ claimId: string; version: number; lastVerdictAt: Date }[]> {
    return this.db.manager.query<{ claimId: string; version: number; lastVerdictAt: Date }[]>(
      `SELECT c.id AS "claimId", c.version, max(v.updated_at) AS "lastVerdictAt"
         FROM claims c JOIN verdicts v ON v.claim_id = c.id AND v.claim_version = c.version
        WHERE c.status = 'in_review'
        GROUP BY c.id
       HAVING max(v.updated_at) < $1
          AND CASE WHEN count(DISTINCT v.rating) = 1 THEN count(*) >= $2
                   ELSE c.disagreement_version IS DISTINCT FROM c.version END
        ORDER BY max(v.updated_at), c.id
        LIMIT $3`,
      [before, minVerdicts, limit],
    );
  }

  /** The latest version of the claim that has verdicts, at or below `atMost`. */
  async latestVerdictVersion(claimId: string, atMost: number): Promise<number | null> {
    const [row] = await this.db.manager.query<{ version: number | null }[]>(
      `SELECT max(claim_version) AS version FROM verdicts WHERE claim_id = $1 AND claim_version <= $2`,
      [claimId, atMost],
    );
    return row?.version ?? null;
  }

  async isAssigned(claimId: string, reviewerId: string): Promise<boolean> {
    const rows = await this.db.manager.query<unknown[]>(
      `SELECT 1 FROM assignments WHERE claim_id = $1 AND reviewer_id = $2`,
      [claimId, reviewerId],
    );
    return rows.length > 0;
  }

  async hasVerdictOn(claimId: string, claimVersion: number, reviewerId: string): Promise<boolean> {
    const rows = await this.db.manager.query<unknown[]>(
      `SELECT 1 FROM verdicts WHERE claim_id = $1 AND claim_version = $2 AND reviewer_id = $3`,
      [claimId, claimVersion, reviewerId],
    );
    return rows.length > 0;
  }

  async hasAnyVerdict(claimId: string, reviewerId: string): Promise<boolean> {
    const rows = await this.db.manager.query<unknown[]>(
      `SELECT 1 FROM verdicts WHERE claim_id = $1 AND reviewer_id = $2 LIMIT 1`,
      [claimId, reviewerId],
    );
    return rows.length > 0;
  }

  async insertReview(review: {
    claimId: string;
    version: number;
    claimVersion: number;
    rating: Rating;
    summary: string;
    correctionNote: string | null;
    publishedBy: string;
  }): Promise<{ id: string; publishedAt: Date }> {
    const [row] = await this.db.manager.query<{ id: string; publishedAt: Date }[]>(
      `INSERT INTO reviews (claim_id, version, claim_version, rating, summary, correction_note, published_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, published_at AS "publishedAt"`,
      [
        review.claimId,
        review.version,
        review.claimVersion,
        review.rating,
        review.summary,
        review.correctionNote,
        review.publishedBy,
      ],
    );
    return row!;
  }

  /** Every published version of the claim's review, oldest first. */
  listReviews(claimId: string): Promise<ReviewRow[]> {
    return this.listReviewsOf([claimId]);
  }

  /** Every published version of these claims' reviews, by claim, oldest first. */
  listReviewsOf(claimIds: readonly string[]): Promise<ReviewRow[]> {
    return this.db.manager.query<ReviewRow[]>(
      `SELECT ${reviewColumns} FROM reviews r LEFT JOIN users u ON u.id = r.published_by
        WHERE r.claim_id = ANY($1::uuid[]) ORDER BY r.claim_id, r.version`,
      [claimIds],
    );
  }

  /** The claims as ClaimReview describes them: text, date, claimant and where they appeared. */
  findReviewedClaims(claimIds: readonly string[]): Promise<ReviewedClaimRow[]> {
    return this.db.manager.query<ReviewedClaimRow[]>(
      `SELECT c.id, c.text, c.headline, to_char(c.claim_date, 'YYYY-MM-DD') AS "claimDate", cl.name AS "claimantName",
              COALESCE(c.claimant_role, cl.role) AS "claimantRole",
              coalesce((SELECT array_agg(s.url ORDER BY a.created_at, a.id)
                          FROM appearances a JOIN sources s ON s.id = a.source_id
                         WHERE a.claim_id = c.id), '{}') AS "appearanceUrls"
         FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id
        WHERE c.id = ANY($1::uuid[])`,
      [claimIds],
    );
  }

  /**
   * Claims with a published review, most recently (re)published first, after
   * the keyset position `after`, modified at or after `since`.
   */
  listPublished(
    since: Date | null,
    after: { modifiedAt: string; claimId: string } | null,
    limit: number,
  ): Promise<{ claimId: string; modifiedAt: Date; modifiedKey: string }[]> {
    return this.db.manager.query(
      `SELECT claim_id AS "claimId", max(published_at) AS "modifiedAt", max(published_at)::text AS "modifiedKey"
         FROM reviews
        GROUP BY claim_id
       HAVING ($1::timestamptz IS NULL OR max(published_at) >= $1)
          AND ($2::timestamptz IS NULL OR (max(published_at), claim_id) < ($2::timestamptz, $3::uuid))
        ORDER BY max(published_at) DESC, claim_id DESC
        LIMIT $4`,
      [since, after?.modifiedAt ?? null, after?.claimId ?? null, limit],
    );
  }
}
