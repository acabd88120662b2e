import Tokens from '@fastify/csrf';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from '../auth/authenticated-request';

const cookieName = 'claimdesk_csrf';

/**
 * CSRF tokens for every form (@fastify/csrf): a per-browser secret in a signed,
 * HttpOnly, SameSite=Strict cookie, and tokens derived from it and bound to
 * the session, so a token from another session (or from before login) fails.
 */
export class CsrfTokens {
  private readonly tokens;

  constructor(hmacKey: Buffer) {
    this.tokens = new Tokens({ userInfo: true, hmacKey });
  }

  /** A token for the page's forms; sets the secret cookie on the first page a browser sees. */
  issue(request: FastifyRequest, reply: FastifyReply): string {
    let secret = secretOf(request);
    if (secret === undefined) {
      secret = this.tokens.secretSync();
      void reply.setCookie(cookieName, secret, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: 'auto',
        signed: true,
      });
    }
    return this.tokens.create(secret, sessionOf(request));
  }

  /** True when the form carried a token made from this browser's secret for this session. */
  verify(request: FastifyRequest): boolean {
    const secret = secretOf(request);
    const body = request.body as Record<string, unknown> | undefined;
    const token = body?._csrf ?? request.headers['x-csrf-token'];
    return secret !== undefined && typeof token === 'string' && this.tokens.verify(secret, token, sessionOf(request));
  }
}

function secretOf(request: FastifyRequest): string | undefined {
  const raw = request.cookies[cookieName];
  if (raw === undefined) return undefined;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value !== null ? unsigned.value : undefined;
}

/** The session the token is bound to; @fastify/csrf refuses an empty one, so visitors share a marker. */
function sessionOf(request: FastifyRequest): string {
  return (request as AuthenticatedRequest).principal?.sessionId ?? 'signed-out';
}
