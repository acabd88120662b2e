import { Module } from '@nestjs/common';
import { AccountsModule } from '@claimdesk/accounts';
import { ClaimsModule } from '@claimdesk/claims';
import { CandidatesModule } from '@claimdesk/extraction';
import { MatchingModule } from '@claimdesk/matching';
import { ReviewsModule } from '@claimdesk/reviews';
import { SourcesModule } from '@claimdesk/sources';
import { WebhooksModule } from '@claimdesk/webhooks';
import { AdminPagesController } from './admin-pages.controller';
import { ClaimPageController } from './claim-page.controller';
import { ClaimPageService } from './claim-page.service';
import { ClaimsPagesController } from './claims-pages.controller';
import { FactCheckPageController } from './fact-check-page.controller';
import { LoginFailures } from './login-failures';
import { LoginController } from './login.controller';
import { SourcePageController } from './source-page.controller';
import { ShownSecrets } from './shown-secrets';
import { SourcePageService } from './source-page.service';

/**
 * The web UI: server-rendered pages over the same services and validation as
 * the API. `configureWeb` adds the Fastify side (cookies, CSRF, CSP, views).
 */
@Module({
  imports: [
    AccountsModule,
    CandidatesModule,
    ClaimsModule,
    MatchingModule,
    ReviewsModule,
    SourcesModule,
    WebhooksModule,
  ],
  controllers: [
    LoginController,
    ClaimsPagesController,
    SourcePageController,
    AdminPagesController,
    ClaimPageController,
    FactCheckPageController,
  ],
  providers: [
    ClaimPageService,
    { provide: LoginFailures, useFactory: () => new LoginFailures() },
    ShownSecrets,
    SourcePageService,
  ],
})
export class WebModule {}
