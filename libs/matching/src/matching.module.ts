import { Module } from '@nestjs/common';
import { ClaimsModule } from '@claimdesk/claims';
import { ReviewsModule } from '@claimdesk/reviews';
import { ClaimIndexFeed } from './claim-index.feed';
import { MatchingService } from './matching.service';

/** Claim matching: exact, near-duplicate and related claims for a text, with their published ratings. */
@Module({
  imports: [ClaimsModule, ReviewsModule],
  providers: [ClaimIndexFeed, MatchingService],
  exports: [MatchingService],
})
export class MatchingModule {}
