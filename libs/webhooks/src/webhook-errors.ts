/**
 * The error codes webhooks raises, as clients and tests read them in
 * `code`: each named once, so a thrower and a reader cannot drift apart.
 */
export const WebhookErrors = {
  invalidEvents: 'webhook.invalid_events',
  invalidUrl: 'webhook.invalid_url',
  notFound: 'webhook.not_found',
  deliveryFailed: 'webhook_delivery.failed',
  deliveryNotFound: 'webhook_delivery.not_found',
  deliveryPending: 'webhook_delivery.pending',
} as const;

export type WebhookErrorCode = (typeof WebhookErrors)[keyof typeof WebhookErrors];
