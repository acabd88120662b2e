export { Assignment } from './assignment.entity';
export { Evidence, type Stance, stances } from './evidence.entity';
export { bestRating, type Rating, ratingNames, ratings, ratingValues, worstRating } from './rating';
export { Review } from './review.entity';
export { Verdict } from './verdict.entity';
export type { ClaimReviewJsonLd } from './claim-review';
export { ReviewsModule } from './reviews.module';
export {
  type ClaimDetailView,
  type ConsensusOutcome,
  type EvidenceRequest,
  ReviewsService,
  type TransitionRequest,
  type VerdictRequest,
} from './reviews.service';
