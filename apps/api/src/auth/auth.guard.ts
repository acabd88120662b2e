import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccountsService, hasRole, type Role } from '@claimdesk/accounts';
import { DomainError } from '@claimdesk/errors';
import { webPagesKey } from '../web/web-pages.decorator';
import { minRoleKey, publicKey } from './access.decorators';
import type { AuthenticatedRequest } from './authenticated-request';

/**
 * Runs on every route: public routes pass; the others need a bearer token (or,
 * on web pages, a session cookie) of a user whose role reaches the route's
 * declared minimum. A route that declares
 * neither is refused for everyone (default deny).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly accounts: AccountsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(publicKey, targets)) return true;
    const required = this.reflector.getAllAndOverride<Role | undefined>(minRoleKey, targets);

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = this.reflector.getAllAndOverride<boolean>(webPagesKey, targets)
      ? this.sessionPrincipal(request)
      : await this.authenticate(request.headers.authorization);
    if (required === undefined) {
      this.logger.error(`${request.method} ${request.routeOptions.url} declares no role: refused`);
      throw new DomainError('forbidden', 'route.no_role', 'This route is not open to any role.');
    }
    if (!hasRole(principal.role, required)) {
      throw new DomainError('forbidden', 'auth.role_too_low', `This needs the ${required} role or above.`);
    }
    request.principal = principal;
    return true;
  }

  /** Web pages: the session cookie, already looked up by the web hooks; never a bearer token. */
  private sessionPrincipal(request: AuthenticatedRequest) {
    if (request.principal?.sessionId === undefined) {
      throw new DomainError('unauthenticated', 'auth.no_session', 'Log in to see this page.');
    }
    return request.principal;
  }

  private async authenticate(header: string | undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (match === null) {
      throw new DomainError(
        'unauthenticated',
        'auth.missing_token',
        'Send an API token: Authorization: Bearer <token>.',
      );
    }
    const principal = await this.accounts.authenticateToken(match[1]!);
    if (principal === null)
      throw new DomainError('unauthenticated', 'auth.invalid_token', 'The API token is unknown or revoked.');
    return principal;
  }
}
