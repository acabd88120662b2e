import type { DeliveryStatus } from './webhook-delivery.entity';
import type { WebhookEvent } from './webhook-subscription.entity';

/** What an admin asks for: where to POST, and which events. */
export interface SubscriptionInput {
  url: string;
  events: readonly string[];
}

/** A subscription as listed: never with its secret. */
export interface SubscriptionView {
  id: string;
  url: string;
  events: WebhookEvent[];
  createdBy: string | null;
  createdAt: Date;
}

/** A subscription just created, with the signing secret: the only time it is shown. */
export interface CreatedSubscriptionView extends SubscriptionView {
  secret: string;
}

export interface DeliveryView {
  id: string;
  subscriptionId: string;
  event: WebhookEvent;
  status: DeliveryStatus;
  attempts: number;
  /** The HTTP status of the last answer, when there was one. */
  responseStatus: number | null;
  /** Code of the last failed attempt: `http_<status>`, `timeout`, `blocked_address`, … */
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** What the `webhook.deliver` job did. */
export type DeliveryOutcome =
  | { outcome: 'delivered'; status: number }
  | { outcome: 'already_done'; status: DeliveryStatus }
  | { outcome: 'subscription_deleted' };
