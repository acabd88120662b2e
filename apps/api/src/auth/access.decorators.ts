import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '@claimdesk/accounts';

export const minRoleKey = 'claimdesk:min-role';
export const publicKey = 'claimdesk:public';

/**
 * The least role that may call the route (each role can do what the ones below
 * it can). Every route declares this or {@link Public}; the guard refuses the rest.
 */
export const MinRole = (role: Role) =>
  applyDecorators(
    SetMetadata(minRoleKey, role),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing or unknown bearer token (problem+json)' }),
    ApiForbiddenResponse({ description: `Needs the ${role} role or above (problem+json)` }),
  );

/** Anyone may call the route, without a token. */
export const Public = () => SetMetadata(publicKey, true);
