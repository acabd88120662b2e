import { Injectable } from '@nestjs/common';
import { Database } from '@claimdesk/persistence';
import type { DeliveryStatus } from './webhook-delivery.entity';
import type { WebhookEvent } from './webhook-subscription.entity';
import type { DeliveryView, SubscriptionView } from './webhook.views';

export interface NewSubscription {
  url: string;
  events: readonly WebhookEvent[];
  secret: string;
  createdBy: string | null;
}

export interface NewDelivery {
  id: string;
  subscriptionId: string;
  event: WebhookEvent;
  body: string;
}

/** A keyset position in a newest-first list: creation time in microseconds since the epoch, then id. */
export interface ListPosition {
  createdMicros: string;
  id: string;
}

export type SubscriptionRow = SubscriptionView & { createdMicros: string };
export type DeliveryRow = DeliveryView & { createdMicros: string };

/** A delivery with what sending it takes: the body, the subscriber's URL and secret. */
export interface DeliveryToSend {
  id: string;
  subscriptionId: string;
  event: WebhookEvent;
  body: string;
  status: DeliveryStatus;
  url: string;
  secret: string;
  subscriptionDeleted: boolean;
}

const subscriptionColumns = `s.id, s.url, s.events, s.created_by AS "createdBy", s.created_at AS "createdAt",
  (extract(epoch FROM s.created_at) * 1000000)::bigint::text AS "createdMicros"`;

const deliveryColumns = `d.id, d.subscription_id AS "subscriptionId", d.event, d.status, d.attempts,
  d.response_status AS "responseStatus", d.last_error AS "lastError", d.created_at AS "createdAt",
  d.delivered_at AS "deliveredAt", (extract(epoch FROM d.created_at) * 1000000)::bigint::text AS "createdMicros"`;

/** The time of a {@link ListPosition}, in SQL: exact for any time before the year 2255. */
const positionTime = (parameter: number): string =>
  `(timestamptz 'epoch' + $${parameter}::bigint * interval '1 microsecond')`;

/** SQL of webhook subscriptions and deliveries; joins the caller's transaction through {@link Database}. */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly db: Database) {}

  async insertSubscription(subscription: NewSubscription): Promise<SubscriptionRow> {
    const [row] = await this.db.manager.query<SubscriptionRow[]>(
      `INSERT INTO webhook_subscriptions AS s (url, events, secret, created_by) VALUES ($1, $2, $3, $4)
       RETURNING ${subscriptionColumns}`,
      [subscription.url, subscription.events, subscription.secret, subscription.createdBy],
    );
    return row!;
  }

  /** Subscriptions not deleted, newest first, after `after`. */
  listActiveSubscriptions(after: ListPosition | null, limit: number): Promise<SubscriptionRow[]> {
    return this.db.manager.query<SubscriptionRow[]>(
      `SELECT ${subscriptionColumns} FROM webhook_subscriptions s
        WHERE s.deleted_at IS NULL AND ($1::bigint IS NULL OR (s.created_at, s.id) < (${positionTime(1)}, $2::uuid))
        ORDER BY s.created_at DESC, s.id DESC
        LIMIT $3`,
      [after?.createdMicros ?? null, after?.id ?? null, limit],
    );
  }

  async findActiveSubscription(id: string): Promise<SubscriptionRow | null> {
    const [row] = await this.db.manager.query<SubscriptionRow[]>(
      `SELECT ${subscriptionColumns} FROM webhook_subscriptions s WHERE s.id = $1 AND s.deleted_at IS NULL`,
      [id],
    );
    return row ?? null;
  }

  async isActiveSubscription(id: string): Promise<boolean> {
    const rows = await this.db.manager.query<unknown[]>(
      `SELECT 1 FROM webhook_subscriptions WHERE id = $1 AND deleted_at IS NULL`,
      [id],
    );
    return rows.length > 0;
  }

  /** Marks the subscription deleted; false when it is unknown or deleted already. */
  async softDeleteSubscription(id: string): Promise<boolean> {
    const rows = await this.db.manager.query<unknown[]>(
      `UPDATE webhook_subscriptions SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING id`,
      [id],
    );
    // TypeORM answers an UPDATE … RETURNING with [rows, count].
    const [returned] = rows as [unknown[], number];
    return returned.length > 0;
  }

  /** The subscriptions not deleted that listen to at least one of `events`, oldest first. */
  subscribersOf(events: readonly WebhookEvent[]): Promise<{ id: string; events: WebhookEvent[] }[]> {
    return this.db.manager.query<{ id: string; events: WebhookEvent[] }[]>(
      `SELECT id, events FROM webhook_subscriptions
        WHERE deleted_at IS NULL AND events && $1::text[]
        ORDER BY created_at, id`,
      [events],
    );
  }

  /** Inserts the deliveries in one statement. */
  async insertDeliveries(deliveries: readonly NewDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.db.manager.query(
      `INSERT INTO webhook_deliveries (id, subscription_id, event, body)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[])`,
      [
        deliveries.map((delivery) => delivery.id),
        deliveries.map((delivery) => delivery.subscriptionId),
        deliveries.map((delivery) => delivery.event),
        deliveries.map((delivery) => delivery.body),
      ],
    );
  }

  /** A subscription's deliveries, newest first, after `after`. */
  listDeliveries(subscriptionId: string, after: ListPosition | null, limit: number): Promise<DeliveryRow[]> {
    return this.db.manager.query<DeliveryRow[]>(
      `SELECT ${deliveryColumns} FROM webhook_deliveries d
        WHERE d.subscription_id = $1
          AND ($2::bigint IS NULL OR (d.created_at, d.id) < (${positionTime(2)}, $3::uuid))
        ORDER BY d.created_at DESC, d.id DESC
        LIMIT $4`,
      [subscriptionId, after?.createdMicros ?? null, after?.id ?? null, limit],
    );
  }

  async findDeliveryToSend(id: string): Promise<DeliveryToSend | null> {
    const [row] = await this.db.manager.query<DeliveryToSend[]>(
      `SELECT d.id, d.subscription_id AS "subscriptionId", d.event, d.body, d.status, s.url, s.secret,
              s.deleted_at IS NOT NULL AS "subscriptionDeleted"
         FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
        WHERE d.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** Locks a delivery of a subscription not deleted, for the current transaction. */
  async lockDelivery(subscriptionId: string, deliveryId: string): Promise<DeliveryRow | null> {
    const [row] = await this.db.manager.query<DeliveryRow[]>(
      `SELECT ${deliveryColumns} FROM webhook_deliveries d
         JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.deleted_at IS NULL
        WHERE d.id = $1 AND d.subscription_id = $2
          FOR UPDATE OF d`,
      [deliveryId, subscriptionId],
    );
    return row ?? null;
  }

  /** Puts a delivery back to pending, to be sent again; returns it as it now is. */
  async markPending(id: string): Promise<DeliveryRow> {
    const [rows] = await this.db.manager.query<[DeliveryRow[], number]>(
      `UPDATE webhook_deliveries d SET status = 'pending', delivered_at = NULL WHERE d.id = $1
       RETURNING ${deliveryColumns}`,
      [id],
    );
    return rows[0]!;
  }

  /** Deliveries still `pending` that were made before `before`, oldest first. */
  async pendingBefore(before: Date, limit: number): Promise<string[]> {
    const rows = await this.db.manager.query<{ id: string }[]>(
      `SELECT id FROM webhook_deliveries WHERE status = 'pending' AND created_at < $1 ORDER BY created_at, id LIMIT $2`,
      [before, limit],
    );
    return rows.map((row) => row.id);
  }

  /** Records a successful attempt. */
  async recordDelivered(id: string, responseStatus: number): Promise<void> {
    await this.db.manager.query(
      `UPDATE webhook_deliveries
          SET status = 'delivered', attempts = attempts + 1, response_status = $2, last_error = NULL,
              delivered_at = now()
        WHERE id = $1`,
      [id, responseStatus],
    );
  }

  /**
   * Records a failed attempt, leaving the delivery `pending` (a retry follows)
   * or `failed`; a delivery another run delivered meanwhile stays delivered.
   */
  async recordFailedAttempt(
    id: string,
    failure: { status: 'pending' | 'failed'; responseStatus: number | null; error: string },
  ): Promise<void> {
    await this.db.manager.query(
      `UPDATE webhook_deliveries
          SET attempts = attempts + 1, response_status = $2, last_error = $3,
              status = CASE WHEN status = 'delivered' THEN status ELSE $4 END
        WHERE id = $1`,
      [id, failure.responseStatus, failure.error, failure.status],
    );
  }

  /** Marks a delivery failed without an attempt (its subscription was deleted before it went out). */
  async markAbandoned(id: string, reason: string): Promise<void> {
    await this.db.manager.query(
      `UPDATE webhook_deliveries SET status = 'failed', last_error = $2 WHERE id = $1 AND status = 'pending'`,
      [id, reason],
    );
  }
}
