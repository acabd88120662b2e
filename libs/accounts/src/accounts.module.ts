import { Module } from '@nestjs/common';
import { AccountsService } from './accounts.service';
import { ApiTokensRepository } from './api-tokens.repository';
import { UsersRepository } from './users.repository';
import { WebSessionsRepository } from './web-sessions.repository';

@Module({
  providers: [AccountsService, ApiTokensRepository, UsersRepository, WebSessionsRepository],
  exports: [AccountsService],
})
export class AccountsModule {}
