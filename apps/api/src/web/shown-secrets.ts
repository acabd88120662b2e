import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from '../auth/authenticated-request';

/** A secret shown once on the page that follows the post that made it. */
export interface ShownSecret {
  /** "Copy the new password now". */
  heading: string;
  /** A sentence saying whose it is and what it is for. */
  intro: string;
  secret: string;
}

const cookieName = 'claimdesk_shown';
const cookiePath = '/admin';
/** The redirect is followed at once; a secret not picked up by then is dropped. */
const maxAgeSeconds = 120;

/**
 * Carries a new secret (an API token, a reset password) from the post that
 * made it to the page the browser is redirected to (POST-redirect-GET), so
 * reloading that page makes nothing new. The secret never goes into a URL or
 * the database: it rides in a short-lived cookie, encrypted (AES-256-GCM)
 * with a key derived from the session secret and bound to the admin's web
 * session, and the page that shows it clears the cookie, so it is shown once.
 */
@Injectable()
export class ShownSecrets {
  private key: Buffer | undefined;

  /** Set by `configureWeb`, which holds the session secret the key is derived from. */
  useKey(key: Buffer): void {
    this.key = key;
  }

  /** Keeps the secret for the next page of this session. */
  keep(request: FastifyRequest, reply: FastifyReply, shown: ShownSecret): void {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.requireKey(), iv);
    cipher.setAAD(Buffer.from(sessionOf(request)));
    const plain = JSON.stringify({ ...shown, at: Date.now() });
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const value = Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
    void reply.setCookie(cookieName, value, {
      path: cookiePath,
      httpOnly: true,
      sameSite: 'strict',
      secure: 'auto',
      maxAge: maxAgeSeconds,
    });
  }

  /** The secret kept for this page, once: the cookie is cleared whether it was readable or not. */
  take(request: FastifyRequest, reply: FastifyReply): ShownSecret | undefined {
    const value = request.cookies[cookieName];
    if (value === undefined) return undefined;
    void reply.clearCookie(cookieName, { path: cookiePath });
    try {
      const raw = Buffer.from(value, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.requireKey(), raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(sessionOf(request)));
      decipher.setAuthTag(raw.subarray(12, 28));
      const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      const { heading, intro, secret, at } = JSON.parse(plain) as ShownSecret & { at: number };
      return Date.now() - at <= maxAgeSeconds * 1000 ? { heading, intro, secret } : undefined;
    } catch {
      // Tampered with, from another session, or from before a new session secret: nothing to show.
      return undefined;
    }
  }

  private requireKey(): Buffer {
    if (this.key === undefined) throw new Error('ShownSecrets has no key: configureWeb sets it');
    return this.key;
  }
}

function sessionOf(request: FastifyRequest): string {
  return (request as AuthenticatedRequest).principal?.sessionId ?? 'signed-out';
}
