import { Module } from '@nestjs/common';
import { ClaimsModule } from '@claimdesk/claims';
import { EventsModule } from '@claimdesk/events';
import { MatchingModule } from '@claimdesk/matching';
import { SourcesModule } from '@claimdesk/sources';
import { ExtractionModule } from '../extraction.module';
import { CandidatesRepository } from './candidates.repository';
import { ExtractionService } from './extraction.service';

/**
 * Claim extraction as a workflow over the extraction engine: candidate claims
 * stored per source snapshot, listed with their matches, promoted to claims.
 */
@Module({
  imports: [ExtractionModule, ClaimsModule, EventsModule, MatchingModule, SourcesModule],
  providers: [CandidatesRepository, ExtractionService],
  exports: [ExtractionService],
})
export class CandidatesModule {}
