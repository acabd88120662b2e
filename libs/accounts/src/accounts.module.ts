import { Module } from '@nestjs/common';
import { AccountsService } from './accounts.service';
import { ApiTokensRepository } from './api-tokens.repository';
import { UsersRepository } from './users.repository';

@Module({
  providers: [AccountsService, ApiTokensRepository, UsersRepository],
  exports: [AccountsService],
})
export class AccountsModule {}
