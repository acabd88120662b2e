import { Module } from '@nestjs/common';
import { EventsModule } from '@claimdesk/events';
import { AccountsService } from './accounts.service';
import { ApiTokensRepository } from './api-tokens.repository';
import { UsersRepository } from './users.repository';
import { WebSessionsRepository } from './web-sessions.repository';

@Module({
  imports: [EventsModule],
  providers: [AccountsService, ApiTokensRepository, UsersRepository, WebSessionsRepository],
  exports: [AccountsService],
})
export class AccountsModule {}
