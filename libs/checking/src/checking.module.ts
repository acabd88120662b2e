import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { EventsModule } from '@claimdesk/events';
import { FetcherModule } from '@claimdesk/fetcher';
import { SourcesModule } from '@claimdesk/sources';
import { QuoteChecksModule } from './quote-checks.module';
import { SourceCheckService } from './source-check.service';

/**
 * Source checking: the jobs that fetch, archive and re-check sources and
 * check quotes against them.
 */
@Module({})
export class CheckingModule {
  /**
   * The module, with `citations`: the modules that export
   * {@link SourceCitations} (the libs owning citations sit above this one,
   * so the app that uses both passes them in).
   */
  static register(citations: { imports: NonNullable<ModuleMetadata['imports']> }): DynamicModule {
    return {
      module: CheckingModule,
      imports: [EventsModule, FetcherModule, QuoteChecksModule, SourcesModule, ...citations.imports],
      providers: [SourceCheckService],
      exports: [SourceCheckService],
    };
  }
}
