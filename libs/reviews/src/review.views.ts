import type { EvidenceView, ReviewView, VerdictView } from '@claimdesk/claims';
import type { EvidenceRow, ReviewRow, VerdictRow } from './reviews.repository';

export function toEvidenceView(row: EvidenceRow): EvidenceView {
  return {
    id: row.id,
    sourceId: row.sourceId,
    url: row.url,
    stance: row.stance,
    excerpt: row.excerpt,
    note: row.note,
    excerptCheck: row.excerptCheck,
    addedBy: row.addedById === null ? null : { id: row.addedById, name: row.addedByName ?? '' },
    createdAt: row.createdAt,
  };
}

export function toVerdictView(row: VerdictRow): VerdictView {
  return {
    id: row.id,
    reviewer: { id: row.reviewerId, name: row.reviewerName },
    rating: row.rating,
    rationale: row.rationale,
    evidenceIds: row.evidenceIds,
    claimVersion: row.claimVersion,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The published review (its versions oldest first), or null before the first publication. */
export function toReviewView(versions: readonly ReviewRow[]): ReviewView | null {
  const first = versions[0];
  const latest = versions.at(-1);
  if (first === undefined || latest === undefined) return null;
  return {
    version: latest.version,
    rating: latest.rating,
    summary: latest.summary,
    publishedAt: first.publishedAt,
    publishedBy:
      latest.publishedById === null ? null : { id: latest.publishedById, name: latest.publishedByName ?? '' },
    modifiedAt: latest.publishedAt,
    corrections: versions
      .filter((version) => version.correctionNote !== null)
      .map((version) => ({ version: version.version, note: version.correctionNote!, at: version.publishedAt })),
  };
}
