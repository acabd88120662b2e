export type { ExtractedStatement, RuleFeatures, Speaker, StatementKind, TextSpan } from './statement';
export { ClaimExtractor } from './claim-extractor';
export { ExtractionModule } from './extraction.module';
export { segmentSentences } from './sentence-segmenter';
export {
  evaluateArticles,
  evaluateFixtures,
  type ExtractionEvaluation,
  type ExtractionFixture,
  type GoldStatement,
  loadFixtures,
} from './evaluation/fixture-evaluation';
export { ClaimCandidate } from './candidates/claim-candidate.entity';
export { CandidatesModule } from './candidates/candidates.module';
export { ExtractionService } from './candidates/extraction.service';
export type {
  CandidateMatchView,
  CandidatePage,
  CandidateView,
  ExtractionOutcome,
  ExtractionStateView,
  ExtractionStatus,
  PromotionResult,
} from './candidates/candidate.views';
export { ExtractionErrors, type ExtractionErrorCode } from './extraction-errors';
