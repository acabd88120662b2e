import { Module } from '@nestjs/common';
import { AccountsModule } from '@claimdesk/accounts';
import { ClaimsModule } from '@claimdesk/claims';
import { EventsModule } from '@claimdesk/events';
import { SourcesModule } from '@claimdesk/sources';
import { ClaimDetailService } from './claim-detail.service';
import { ReviewsRepository } from './reviews.repository';
import { ReviewsService } from './reviews.service';

/** The review workflow: transitions, assignments, evidence, verdicts, consensus and publishing. */
@Module({
  imports: [AccountsModule, ClaimsModule, EventsModule, SourcesModule],
  providers: [ReviewsRepository, ClaimDetailService, ReviewsService],
  exports: [ReviewsService, ClaimDetailService],
})
export class ReviewsModule {}
