import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const sessionCookieName = 'claimdesk_session';

/**
 * HttpOnly, SameSite=Lax (links from other sites still land signed in; their
 * posts carry no cookie), and Secure whenever the page was served over https.
 */
export const sessionCookieOptions: CookieSerializeOptions = {
  path: '/',
  httpOnly: true,
  sameSite: 'lax',
  secure: 'auto',
  signed: true,
};

/** The session secret from the signed cookie, or undefined when absent or tampered with. */
export function sessionTokenOf(request: FastifyRequest): string | undefined {
  const raw = request.cookies[sessionCookieName];
  if (raw === undefined) return undefined;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value !== null ? unsigned.value : undefined;
}

/** A browser-session cookie: the server ends the session after 12 idle hours, the browser when it closes. */
export function setSessionCookie(reply: FastifyReply, token: string): void {
  void reply.setCookie(sessionCookieName, token, sessionCookieOptions);
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(sessionCookieName, sessionCookieOptions);
}
