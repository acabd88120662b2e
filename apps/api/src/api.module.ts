import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, RouterModule } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AccountChangesListener, AccountsModule } from '@claimdesk/accounts';
import { ClaimsModule } from '@claimdesk/claims';
import { AppConfig } from '@claimdesk/config';
import { CandidatesModule } from '@claimdesk/extraction';
import { IdempotencyModule } from '@claimdesk/idempotency';
import { MatchingModule } from '@claimdesk/matching';
import { ReviewsModule } from '@claimdesk/reviews';
import { SourcesModule } from '@claimdesk/sources';
import { WebhooksModule } from '@claimdesk/webhooks';
import { AuthGuard } from './auth/auth.guard';
import { TokenThrottlerGuard } from './auth/token-throttler.guard';
import { ClaimsController } from './claims/claims.controller';
import { HealthModule } from './health/health.module';
import { IdempotentReplies } from './idempotency/idempotent-replies';
import { ProblemFilter } from './problem/problem.filter';
import { ClaimWorkflowController } from './reviews/claim-workflow.controller';
import { ReviewsFeedController } from './reviews/reviews-feed.controller';
import { createValidationPipe } from './problem/validation.pipe';
import { SourceCandidatesController } from './sources/source-candidates.controller';
import { SourcesController } from './sources/sources.controller';
import { WebModule } from './web/web.module';
import { ClaimMatchesController } from './claims/claim-matches.controller';
import { WebhooksController } from './webhooks/webhooks.controller';

/**
 * The HTTP API and, through WebModule, the web UI: controllers over the domain libs. Every route goes through the
 * auth guard (default deny), then the per-token rate limit, then validation;
 * every error leaves as problem+json.
 */
@Module({
  imports: [
    AccountsModule,
    CandidatesModule,
    ClaimsModule,
    HealthModule,
    IdempotencyModule,
    MatchingModule,
    ReviewsModule,
    SourcesModule,
    WebhooksModule,
    WebModule,
    // The JSON API lives under /api/v1; the web pages (WebModule) and health at the root.
    RouterModule.register([{ path: 'api/v1', module: ApiModule }]),
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ throttlers: [{ ttl: 60_000, limit: config.rateLimitPerMinute }] }),
    }),
  ],
  controllers: [
    ClaimMatchesController,
    ClaimsController,
    ClaimWorkflowController,
    ReviewsFeedController,
    SourcesController,
    SourceCandidatesController,
    WebhooksController,
  ],
  providers: [
    // API tokens are looked up through a cache: this keeps it in step with other processes' changes.
    AccountChangesListener,
    IdempotentReplies,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: TokenThrottlerGuard },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: ProblemFilter },
  ],
})
export class ApiModule {}
