import { Module } from '@nestjs/common';
import { EventsModule } from '@claimdesk/events';
import { FetcherModule } from '@claimdesk/fetcher';
import { CheckRepository } from './check.repository';
import { SourceCheckService } from './source-check.service';

/** Source checking: the jobs that fetch, archive and re-check sources and check quotes against them. */
@Module({
  imports: [EventsModule, FetcherModule],
  providers: [CheckRepository, SourceCheckService],
  exports: [SourceCheckService],
})
export class CheckingModule {}
