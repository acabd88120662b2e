import { Module } from '@nestjs/common';
import { AccountsModule } from '@claimdesk/accounts';
import { QuoteChecksModule } from '@claimdesk/checking';
import { EventsModule } from '@claimdesk/events';
import { SourcesModule } from '@claimdesk/sources';
import { ClaimantsRepository } from './claimants.repository';
import { ClaimsRepository } from './claims.repository';
import { ClaimsService } from './claims.service';

@Module({
  imports: [AccountsModule, EventsModule, QuoteChecksModule, SourcesModule],
  providers: [ClaimantsRepository, ClaimsRepository, ClaimsService],
  exports: [ClaimsService],
})
export class ClaimsModule {}
