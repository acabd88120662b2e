import { Module } from '@nestjs/common';
import { AccountsModule } from '@claimdesk/accounts';
import { QuoteChecksModule, SourceCitations } from '@claimdesk/checking';
import { ClaimsModule } from '@claimdesk/claims';
import { EventsModule } from '@claimdesk/events';
import { SourcesModule } from '@claimdesk/sources';
import { ClaimDetailService } from './claim-detail.service';
import { ReviewCitations } from './review-citations';
import { ReviewsRepository } from './reviews.repository';
import { ReviewsService } from './reviews.service';

/** The review workflow: transitions, assignments, evidence, verdicts, consensus and publishing. */
@Module({
  imports: [AccountsModule, ClaimsModule, EventsModule, QuoteChecksModule, SourcesModule],
  providers: [
    ReviewsRepository,
    ClaimDetailService,
    ReviewsService,
    ReviewCitations,
    { provide: SourceCitations, useExisting: ReviewCitations },
  ],
  exports: [ReviewsService, ClaimDetailService, SourceCitations],
})
export class ReviewsModule {}
