export { CheckingModule } from './checking.module';
export { blockText, extractHtml, type PageContent } from './html-extractor';
export { ExtractionFailure, extractDocument } from './document-extractor';
export { approximateThreshold, checkQuote, type DiffPart, punctuationOnlyScore, type QuoteMatch } from './quote-check';
export { type FetchOutcome, recheckAfterMs, recheckBatch, SourceCheckService } from './source-check.service';
