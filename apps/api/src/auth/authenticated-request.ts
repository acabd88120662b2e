import type { FastifyRequest } from 'fastify';
import type { Principal } from '@claimdesk/accounts';

/** A request the auth guard has let through, with who made it. */
export interface AuthenticatedRequest extends FastifyRequest {
  principal?: Principal;
}
