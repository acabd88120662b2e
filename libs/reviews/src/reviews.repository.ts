import { Injectable } from '@nestjs/common';
import type { ClaimListTerms, ClaimState, ClaimTerm } from '@claimdesk/claims';
import type { QuoteCheckView } from '@claimdesk/checking';
import { Database } from '@claimdesk/persistence';
import type { Stance } from './evidence.entity';
import type { Rating } from './rating';

export type { ClaimState };

/** A verdict as stored: the reviewer by id (accounts knows their name). */
export interface VerdictRecord {
  id: string;
  reviewerId: string;
  rating: Rating;
  rationale: string;
  evidenceIds: string[];
  claimVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface VerdictRow extends VerdictRecord {
  reviewerName: string;
}

/** Evidence as stored: its source and author by id; its excerpt's check is kept by libs/checking. */
export interface EvidenceRecord {
  id: string;
  sourceId: string;
  stance: Stance;
  excerpt: string | null;
  note: string | null;
  addedById: string | null;
  createdAt: Date;
}

/** Evidence as shown: with its source's URL, the name of who added it and its excerpt's check. */
export interface EvidenceRow extends EvidenceRecord {
  url: string;
  addedByName: string | null;
  excerptCheck: QuoteCheckView | null;
}

/** A published review version as stored: the publisher by id. */
export interface ReviewRecord {
  id: string;
  claimId: string;
  version: number;
  claimVersion: number;
  rating: Rating;
  summary: string;
  correctionNote: string | null;
  publishedAt: Date;
  publishedById: string | null;
}

export interface ReviewRow extends ReviewRecord {
  publishedByName: string | null;
}

const verdictColumns = `v.id, v.reviewer_id AS "reviewerId", v.rating, v.rationale,
  v.evidence_ids AS "evidenceIds", v.claim_version AS "claimVersion", v.created_at AS "createdAt",
  v.updated_at AS "updatedAt"`;

const reviewColumns = `r.id, r.claim_id AS "claimId", r.version, r.claim_version AS "claimVersion", r.rating,
  r.summary, r.correction_note AS "correctionNote", r.published_at AS "publishedAt",
  r.published_by AS "publishedById"`;

/**
 * Verdicts on the current version disagree: flagged by the consensus job, or
 * (before the job has run) more than one rating among them. Only a claim in
 * review can be split; any change of status moves the version on.
 */
const splitTerm: ClaimTerm = (c) => `(${c.status} = 'in_review' AND (${c.disagreementVersion} = ${c.version} OR
  (SELECT count(DISTINCT v.rating) FROM verdicts v WHERE v.claim_id = ${c.id} AND v.claim_version = ${c.version}) > 1))`;

/**
 * How many verdicts the round on show has (the current version while in
 * review, else the latest version that had verdicts, as the claim page
 * shows), without any rating.
 */
const verdictCountTerm: ClaimTerm = (c) => `
  (SELECT count(*) FROM verdicts v
    WHERE v.claim_id = ${c.id} AND v.claim_version = CASE WHEN ${c.status} = 'in_review' THEN ${c.version}
      ELSE (SELECT max(v2.claim_version) FROM verdicts v2 WHERE v2.claim_id = ${c.id} AND v2.claim_version <= ${c.version}) END
  )::int`;

/** SQL of the review workflow: claim status, assignments, evidence, verdicts and published reviews. */
@Injectable()
export class ReviewsRepository {
  constructor(private readonly db: Database) {}

  /**
   * The review workflow's filters of a claims list, and the columns it adds
   * (verdict count, split), as SQL over each listed claim: the claims list
   * runs them in its one query.
   */
  claimListTerms(filters: { assigneeId?: string; needsVerdictBy?: string; split?: boolean }): ClaimListTerms {
    const where: ClaimTerm[] = [];
    const { assigneeId, needsVerdictBy, split } = filters;
    if (assigneeId !== undefined) {
      where.push(
        (c, bind) =>
          `EXISTS (SELECT 1 FROM assignments a WHERE a.claim_id = ${c.id} AND a.reviewer_id = ${bind(assigneeId)})`,
      );
    }
    if (needsVerdictBy !== undefined) {
      // A reviewer's id: claims in review, assigned to them or to nobody, without their verdict on this version.
      where.push((c, bind) => {
        const reviewer = `${bind(needsVerdictBy)}::uuid`;
        return `${c.status} = 'in_review'
          AND (EXISTS (SELECT 1 FROM assignments a WHERE a.claim_id = ${c.id} AND a.reviewer_id = ${reviewer})
            OR NOT EXISTS (SELECT 1 FROM assignments a WHERE a.claim_id = ${c.id}))
          AND NOT EXISTS (SELECT 1 FROM verdicts v
            WHERE v.claim_id = ${c.id} AND v.claim_version = ${c.version} AND v.reviewer_id = ${reviewer})`;
      });
    }
    if (split !== undefined) where.push((c, bind) => (split ? '' : 'NOT ') + splitTerm(c, bind));
    return { where, verdictCount: verdictCountTerm, split: splitTerm };
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

  /** The claim's assignees (by reviewer id), in assignment order. */
  listAssignees(claimId: string): Promise<{ id: string; assignedAt: Date }[]> {
    return this.db.manager.query(
      `SELECT a.reviewer_id AS id, a.created_at AS "assignedAt"
         FROM assignments a
        WHERE a.claim_id = $1 ORDER BY a.created_at, a.reviewer_id`,
      [claimId],
    );
  }

  /** The assignees (by reviewer id) of each of the claims, in one query, each claim's in assignment order. */
  listAssigneesOfClaims(claimIds: readonly string[]): Promise<{ claimId: string; id: string }[]> {
    return this.db.manager.query(
      `SELECT a.claim_id AS "claimId", a.reviewer_id AS id
         FROM assignments a
        WHERE a.claim_id = ANY($1::uuid[]) ORDER BY a.claim_id, a.created_at, a.reviewer_id`,
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

  /** The claim's evidence, oldest first. */
  listEvidence(claimId: string): Promise<EvidenceRecord[]> {
    return this.db.manager.query<EvidenceRecord[]>(
      `SELECT e.id, e.source_id AS "sourceId", e.stance, e.excerpt, e.note,
              e.added_by AS "addedById", e.created_at AS "createdAt"
         FROM evidence e
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
  verdictsOn(claimId: string, claimVersion: number): Promise<VerdictRecord[]> {
    return this.db.manager.query<VerdictRecord[]>(
      `SELECT ${verdictColumns} FROM verdicts v
        WHERE v.claim_id = $1 AND v.claim_version = $2 ORDER BY v.created_at, v.id`,
      [claimId, claimVersion],
    );
  }

  /**
   * Of these claims in review (each at its current version, with the version
   * whose disagreement was flagged), those whose verdicts on that version
   * call for a status change that has not happened, the latest given before
   * `before`: at least `minVerdicts` agreeing (consensus) or some disagreeing
   * without the disagreement flagged for this version.
   */
  async awaitingEvaluationBefore(
    claims: readonly ClaimState[],
    before: Date,
    minVerdicts: number,
    limit: number,
  ): Promise<{ claimId: string; version: number; lastVerdictAt: Date }[]> {
    if (claims.length === 0) return [];
    return this.db.manager.query<{ claimId: string; version: number; lastVerdictAt: Date }[]>(
      `SELECT c.id AS "claimId", c.version, max(v.updated_at) AS "lastVerdictAt"
         FROM unnest($1::uuid[], $2::int[], $3::int[]) AS c(id, version, disagreement_version)
         JOIN verdicts v ON v.claim_id = c.id AND v.claim_version = c.version
        GROUP BY c.id, c.version, c.disagreement_version
       HAVING max(v.updated_at) < $4
          AND CASE WHEN count(DISTINCT v.rating) = 1 THEN count(*) >= $5
                   ELSE c.disagreement_version IS DISTINCT FROM c.version END
        ORDER BY max(v.updated_at), c.id
        LIMIT $6`,
      [
        claims.map((claim) => claim.id),
        claims.map((claim) => claim.version),
        claims.map((claim) => claim.disagreementVersion),
        before,
        minVerdicts,
        limit,
      ],
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
  listReviews(claimId: string): Promise<ReviewRecord[]> {
    return this.listReviewsOf([claimId]);
  }

  /** Every published version of these claims' reviews, by claim, oldest first. */
  listReviewsOf(claimIds: readonly string[]): Promise<ReviewRecord[]> {
    return this.db.manager.query<ReviewRecord[]>(
      `SELECT ${reviewColumns} FROM reviews r
        WHERE r.claim_id = ANY($1::uuid[]) ORDER BY r.claim_id, r.version`,
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
