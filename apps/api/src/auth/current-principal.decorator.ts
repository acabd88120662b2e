import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@claimdesk/accounts';
import type { AuthenticatedRequest } from './authenticated-request';

/** The caller, as the auth guard established it. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (principal === undefined) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});
