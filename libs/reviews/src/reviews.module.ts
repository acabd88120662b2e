import { Module } from '@nestjs/common';
import { QuoteChecksModule, SourceCitations } from '@claimdesk/checking';
import { ClaimsModule } from '@claimdesk/claims';
import { EventsModule } from '@claimdesk/events';
import { SourcesModule } from '@claimdesk/sources';
import { ReviewCitations } from './review-citations';
import { ReviewsRepository } from './reviews.repository';
import { ReviewsService } from './reviews.service';

/** The review workflow: transitions, assignments, evidence, verdicts, consensus and publishing. */
@Module({
  imports: [ClaimsModule, EventsModule, QuoteChecksModule, SourcesModule],
  providers: [
    ReviewsRepository,
    ReviewsService,
    ReviewCitations,
    { provide: SourceCitations, useExisting: ReviewCitations },
  ],
  exports: [ReviewsService, SourceCitations],
})
export class ReviewsModule {}
