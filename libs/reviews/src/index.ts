export { Assignment } from './assignment.entity';
export { Evidence, type Stance, stances } from './evidence.entity';
export { bestRating, type Rating, ratingNames, ratings, ratingValues, worstRating } from './rating';
export { Review } from './review.entity';
export { Verdict } from './verdict.entity';
export type {
  ClaimCapabilities,
  RatingsHiddenReason,
  TransitionCapability,
  VerdictRefusal,
} from './claim-capabilities';
export { type ClaimDetail, ClaimDetailService, type ClaimDetailView } from './claim-detail.service';
export type { ClaimReviewJsonLd } from './claim-review';
export { ReviewsModule } from './reviews.module';
export {
  type ConsensusOutcome,
  type EvidenceRequest,
  ReviewsService,
  type TransitionRequest,
  type VerdictRequest,
} from './reviews.service';
