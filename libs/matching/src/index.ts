export type { ClaimMatch, MatchedClaimView, MatchReason, MeaningConflict } from './claim-match';
export { ClaimIndex, type IndexHit, matchableText, rankingModel } from './claim-index';
export { matchTerms } from './match-terms';
export { MatchingModule } from './matching.module';
export {
  defaultMinScore,
  type MatchOptions,
  MatchingService,
  nearDuplicateOverlap,
  toSimilarView,
} from './matching.service';
export { meaningConflicts } from './meaning-guard';
