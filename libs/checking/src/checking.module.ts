import { Module } from '@nestjs/common';
import { EventsModule } from '@claimdesk/events';
import { FetcherModule } from '@claimdesk/fetcher';
import { SourcesModule } from '@claimdesk/sources';
import { CheckRepository } from './check.repository';
import { QuoteChecksModule } from './quote-checks.module';
import { SourceCheckService } from './source-check.service';

/** Source checking: the jobs that fetch, archive and re-check sources and check quotes against them. */
@Module({
  imports: [EventsModule, FetcherModule, QuoteChecksModule, SourcesModule],
  providers: [CheckRepository, SourceCheckService],
  exports: [SourceCheckService],
})
export class CheckingModule {}
