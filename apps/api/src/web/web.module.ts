import { Module } from '@nestjs/common';
import { AccountsModule } from '@claimdesk/accounts';
import { LoginController } from './login.controller';

/**
 * The web UI: server-rendered pages over the same services and validation as
 * the API. `configureWeb` adds the Fastify side (cookies, CSRF, CSP, views).
 */
@Module({
  imports: [AccountsModule],
  controllers: [LoginController],
})
export class WebModule {}
