import { createHmac, randomBytes } from 'node:crypto';

/** A new signing secret: 32 random bytes, hex, after `whsec_`. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('hex')}`;
}

/**
 * The `X-Claimdesk-Signature` header of a body: `sha256=` and the hex
 * HMAC-SHA256 of the raw body's UTF-8 bytes, keyed with the whole secret
 * (`whsec_` included) as the subscriber was given it.
 */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}
