import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ShownSecrets } from './shown-secrets';

/** Just enough of Fastify's request and reply: the session's principal, and a cookie jar both share. */
function browser(sessionId: string) {
  const jar: Record<string, string> = {};
  const cleared: string[] = [];
  const request = { principal: { sessionId }, cookies: jar } as unknown as FastifyRequest;
  const reply = {
    setCookie: (name: string, value: string) => {
      jar[name] = value;
      return reply;
    },
    clearCookie: (name: string) => {
      cleared.push(name);
      delete jar[name];
      return reply;
    },
  } as unknown as FastifyReply;
  return { request, reply, jar, cleared };
}

const shown = { heading: 'Copy the new API token now', intro: 'A token of Ada.', secret: 'cd_secret-value' };

describe('ShownSecrets', () => {
  const secrets = new ShownSecrets();
  secrets.useKey(randomBytes(32));

  it('gives the secret back once, to the same session, and keeps it out of the cookie in clear', () => {
    const { request, reply, jar, cleared } = browser('session-a');
    secrets.keep(request, reply, shown);

    expect(Object.values(jar).join()).not.toContain('secret-value');
    expect(secrets.take(request, reply)).toEqual(shown);
    expect(cleared).toEqual(['claimdesk_shown']);
    expect(secrets.take(request, reply)).toBeUndefined();
  });

  it('shows nothing to another session, to a tampered cookie, or after two minutes', () => {
    const first = browser('session-a');
    secrets.keep(first.request, first.reply, shown);
    const value = first.jar.claimdesk_shown!;

    const other = browser('session-b');
    other.jar.claimdesk_shown = value;
    expect(secrets.take(other.request, other.reply)).toBeUndefined();
    expect(other.cleared).toEqual(['claimdesk_shown']);

    const tampered = browser('session-a');
    tampered.jar.claimdesk_shown = `${value.slice(0, -2)}${value.endsWith('A') ? 'B' : 'A'}A`;
    expect(secrets.take(tampered.request, tampered.reply)).toBeUndefined();

    const late = browser('session-a');
    late.jar.claimdesk_shown = value;
    const clock = jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 121_000);
    try {
      expect(secrets.take(late.request, late.reply)).toBeUndefined();
    } finally {
      clock.mockRestore();
    }
  });
});
