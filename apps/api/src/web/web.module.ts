import { Module } from '@nestjs/common';
import { AccountsModule } from '@claimdesk/accounts';
import { ClaimsModule } from '@claimdesk/claims';
import { MatchingModule } from '@claimdesk/matching';
import { ReviewsModule } from '@claimdesk/reviews';
import { SourcesModule } from '@claimdesk/sources';
import { WebhooksModule } from '@claimdesk/webhooks';
import { AdminPagesController } from './admin-pages.controller';
import { ClaimPageController } from './claim-page.controller';
import { ClaimPageService } from './claim-page.service';
import { ClaimsPagesController } from './claims-pages.controller';
import { LoginController } from './login.controller';
import { SourcePageController } from './source-page.controller';

/**
 * The web UI: server-rendered pages over the same services and validation as
 * the API. `configureWeb` adds the Fastify side (cookies, CSRF, CSP, views).
 */
@Module({
  imports: [AccountsModule, ClaimsModule, MatchingModule, ReviewsModule, SourcesModule, WebhooksModule],
  controllers: [
    LoginController,
    ClaimsPagesController,
    SourcePageController,
    AdminPagesController,
    ClaimPageController,
  ],
  providers: [ClaimPageService],
})
export class WebModule {}
