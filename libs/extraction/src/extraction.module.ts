import { Module } from '@nestjs/common';
import { ClaimExtractor } from './claim-extractor';

/** Claim extraction: candidate claims and their speakers from an article's text. */
@Module({
  providers: [ClaimExtractor],
  exports: [ClaimExtractor],
})
export class ExtractionModule {}
