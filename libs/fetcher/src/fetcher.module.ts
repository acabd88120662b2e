import { Module, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@claimdesk/config';
import { SafeFetcher } from './safe-fetcher';

/** Provides the {@link SafeFetcher} configured from `FETCH_*` settings. */
@Module({
  providers: [
    {
      provide: SafeFetcher,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new SafeFetcher({
          allowedHosts: config.fetchAllowedHosts,
          allowedHostsOnly: config.fetchAllowedHostsOnly,
          limits: { totalTimeoutMs: config.fetchTimeoutMs, maxBytes: config.fetchMaxBytes },
        }),
    },
  ],
  exports: [SafeFetcher],
})
export class FetcherModule implements OnApplicationShutdown {
  constructor(private readonly fetcher: SafeFetcher) {}

  async onApplicationShutdown(): Promise<void> {
    await this.fetcher.close();
  }
}
