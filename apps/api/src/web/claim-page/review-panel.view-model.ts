import type { ClaimDetailView } from '@claimdesk/reviews';
import { ratingName } from './claim-page.names';

/** The published review with its corrections, or null before publication. */
export function toReview(claim: ClaimDetailView) {
  const review = claim.review;
  if (review === null) return null;
  return {
    rating: review.rating,
    ratingText: ratingName(review.rating),
    summary: review.summary,
    version: review.version,
    publishedAt: review.publishedAt,
    publishedBy: review.publishedBy?.name ?? null,
    modifiedAt: review.version > 1 ? review.modifiedAt : null,
    corrections: review.corrections,
    claimReviewHref: `/api/v1/claims/${claim.id}/claim-review`,
  };
}
