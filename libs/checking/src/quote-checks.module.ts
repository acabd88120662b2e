import { Module } from '@nestjs/common';
import { QuoteCheckRepository } from './quote-check.repository';
import { QuoteChecks } from './quote-checks';

/**
 * The store of quote checks, apart from the jobs that make them
 * ({@link CheckingModule}): claims and reviews open and read checks through
 * it, and the jobs need what claims and reviews know of the sources they cite.
 */
@Module({
  providers: [QuoteCheckRepository, QuoteChecks],
  exports: [QuoteCheckRepository, QuoteChecks],
})
export class QuoteChecksModule {}
