export { CheckingModule } from './checking.module';
export { blockText, extractHtml, type PageContent } from './html-extractor';
export { ExtractionFailure, extractDocument } from './document-extractor';
export { approximateThreshold, checkQuote, type DiffPart, punctuationOnlyScore, type QuoteMatch } from './quote-check';
export { QuoteCheck } from './quote-check.entity';
export {
  type CitedText,
  type QuoteCheckStatus,
  quoteCheckStatuses,
  type QuoteCheckView,
  type QuoteTarget,
} from './quote-check.views';
export { QuoteChecks } from './quote-checks';
export { QuoteChecksModule } from './quote-checks.module';
export { type FetchOutcome, recheckAfterMs, recheckBatch, SourceCheckService } from './source-check.service';
export { SourceCitations } from './source-citations';
