import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DomainError, fieldProblem } from '@claimdesk/errors';
import { EventLog } from '@claimdesk/events';
import { FetchFailure, type PostedResponse, SafeFetcher } from '@claimdesk/fetcher';
import { Database, type Page } from '@claimdesk/persistence';
import { type AwaitedJob, JobOutbox, type JobRun } from '@claimdesk/queue';
import { normalizeSourceUrl } from '@claimdesk/sources';
import { fromListCursor, toListCursor } from './list-cursor';
import { type WebhookEvent, webhookEvents } from './webhook-subscription.entity';
import { newWebhookSecret, webhookSignature } from './webhook-signature';
import type {
  CreatedSubscriptionView,
  DeliveryOutcome,
  DeliveryView,
  SubscriptionInput,
  SubscriptionView,
} from './webhook.views';
import { type DeliveryRow, type DeliveryToSend, type SubscriptionRow, WebhooksRepository } from './webhooks.repository';

const userAgent = 'Claimdesk-Webhooks/0.1';
/** Most deliveries one sweep for lost jobs looks at. */
const sweepBatch = 500;

/**
 * Webhook subscriptions, and the delivery of what they subscribed to: each
 * delivery is a signed POST, retried with backoff by its job until it is
 * answered with a 2xx, fails for good, or runs out of attempts. Receivers may
 * see a delivery more than once (a replay, or a worker lost mid-request) and
 * can recognise it by its `X-Claimdesk-Delivery` id.
 */
@Injectable()
export class WebhooksService {
  private readonly logger = new Logger(WebhooksService.name);

  constructor(
    private readonly db: Database,
    private readonly webhooks: WebhooksRepository,
    private readonly outbox: JobOutbox,
    private readonly fetcher: SafeFetcher,
    private readonly events: EventLog,
  ) {}

  /** Creates a subscription; the answer carries its signing secret, which is never shown again. */
  async subscribe(actorId: string | null, input: SubscriptionInput): Promise<CreatedSubscriptionView> {
    const url = normalizeSourceUrl(input.url);
    if (url === null) {
      throw DomainError.invalid('webhook.invalid_url', 'The URL cannot receive webhooks.', [
        fieldProblem('url', 'must be an http or https URL without credentials'),
      ]);
    }
    const events = checkedEvents(input.events);
    const secret = newWebhookSecret();
    const row = await this.webhooks.insertSubscription({ url, events, secret, createdBy: actorId });
    this.logger.log(`webhook ${row.id} subscribed to ${events.join(', ')}`);
    return { ...toSubscriptionView(row), secret };
  }

  /** Subscriptions not deleted, newest first, without their secrets. */
  async list(cursor: string | undefined, limit: number): Promise<Page<SubscriptionView>> {
    const rows = await this.webhooks.listActiveSubscriptions(
      cursor === undefined ? null : fromListCursor(cursor),
      limit + 1,
    );
    return pageOf(rows, limit, toSubscriptionView);
  }

  /** One subscription not deleted, without its secret. */
  async subscription(id: string): Promise<SubscriptionView> {
    const row = await this.webhooks.findActiveSubscription(id);
    if (row === null) throw webhookNotFound(id);
    return toSubscriptionView(row);
  }

  /** Deletes a subscription: nothing more is delivered to it; its deliveries are kept. */
  async remove(id: string): Promise<void> {
    if (!(await this.webhooks.softDeleteSubscription(id))) throw webhookNotFound(id);
    this.logger.log(`webhook ${id} deleted`);
  }

  /** A subscription's deliveries, newest first. */
  async listDeliveries(subscriptionId: string, cursor: string | undefined, limit: number): Promise<Page<DeliveryView>> {
    const after = cursor === undefined ? null : fromListCursor(cursor);
    if (!(await this.webhooks.isActiveSubscription(subscriptionId))) throw webhookNotFound(subscriptionId);
    const rows = await this.webhooks.listDeliveries(subscriptionId, after, limit + 1);
    return pageOf(rows, limit, toDeliveryView);
  }

  /**
   * Sends a delivered or failed delivery again: the same body, signed again,
   * under a new job. A delivery still being attempted is refused (409).
   */
  async replay(subscriptionId: string, deliveryId: string): Promise<DeliveryView> {
    return this.db.transaction(async () => {
      const delivery = await this.webhooks.lockDelivery(subscriptionId, deliveryId);
      if (delivery === null) {
        if (!(await this.webhooks.isActiveSubscription(subscriptionId))) throw webhookNotFound(subscriptionId);
        throw DomainError.notFound(
          'webhook_delivery.not_found',
          `Webhook ${subscriptionId} has no delivery ${deliveryId}.`,
        );
      }
      if (delivery.status === 'pending') {
        throw DomainError.conflict(
          'webhook_delivery.pending',
          'The delivery is still being attempted; replay it once it is delivered or failed.',
        );
      }
      const requeued = await this.webhooks.markPending(deliveryId);
      // A new job id: BullMQ keeps finished jobs, and would ignore one with the first id.
      await this.outbox.enqueue(
        { name: 'webhook.deliver', data: { deliveryId } },
        { key: `${deliveryId}.replay-${randomUUID()}` },
      );
      this.logger.log(`webhook delivery ${deliveryId} queued again`);
      return toDeliveryView(requeued);
    });
  }

  /**
   * The jobs deliveries pending since before `before` wait on, by the id
   * they were first queued under (`webhook.deliver.<delivery id>`). A replay
   * runs under a job id of its own: the queue losing it alone (not the
   * first job too) is not seen here.
   */
  async awaitedJobs(before: Date): Promise<AwaitedJob[]> {
    const pending = await this.webhooks.pendingBefore(before, sweepBatch);
    return pending.map((deliveryId) => ({ job: { name: 'webhook.deliver', data: { deliveryId } }, key: deliveryId }));
  }

  /**
   * The `webhook.deliver` job: POSTs the stored body, signed with the
   * subscription's secret, and records the attempt. A delivery already
   * delivered (or given up on) is left alone. A failure is rethrown for BullMQ
   * to retry with backoff, as an `unprocessable` domain error (given up on) when retrying cannot help.
   */
  async deliver(deliveryId: string, run: JobRun): Promise<DeliveryOutcome> {
    const delivery = await this.webhooks.findDeliveryToSend(deliveryId);
    if (delivery === null) {
      throw DomainError.notFound('webhook_delivery.not_found', `webhook delivery ${deliveryId} does not exist`);
    }
    if (delivery.status !== 'pending') return { outcome: 'already_done', status: delivery.status };
    if (delivery.subscriptionDeleted) {
      await this.webhooks.markAbandoned(deliveryId, 'subscription_deleted');
      this.logger.log(`webhook delivery ${deliveryId} dropped: its subscription was deleted`);
      return { outcome: 'subscription_deleted' };
    }
    let answer: PostedResponse;
    try {
      answer = await this.fetcher.post(delivery.url, delivery.body, {
        'content-type': 'application/json',
        'user-agent': userAgent,
        'X-Claimdesk-Event': delivery.event,
        'X-Claimdesk-Delivery': delivery.id,
        'X-Claimdesk-Signature': webhookSignature(delivery.secret, delivery.body),
      });
    } catch (error) {
      return this.recordFailure(delivery, error, run);
    }
    await this.db.transaction(async () => {
      await this.webhooks.recordDelivered(deliveryId, answer.status);
      await this.recordOutcome(delivery, 'webhook.delivered', { responseStatus: answer.status });
    });
    this.logger.log(`webhook delivery ${deliveryId} (${delivery.event}) answered ${answer.status}`);
    return { outcome: 'delivered', status: answer.status };
  }

  /**
   * Records in the audit trail of the claim (or source) the delivered event
   * was about that it reached, or finally failed to reach, a subscriber.
   */
  private async recordOutcome(
    delivery: DeliveryToSend,
    action: 'webhook.delivered' | 'webhook.failed',
    data: Record<string, unknown>,
  ): Promise<void> {
    const about = (JSON.parse(delivery.body) as { data?: { claimId?: unknown; sourceId?: unknown } }).data ?? {};
    const claimId = typeof about.claimId === 'string' ? about.claimId : null;
    const sourceId = typeof about.sourceId === 'string' ? about.sourceId : null;
    if (claimId === null && sourceId === null) return;
    await this.events.record({
      claimId,
      sourceId: claimId === null ? sourceId : null,
      actorId: null,
      action,
      data: { deliveryId: delivery.id, event: delivery.event, subscriptionId: delivery.subscriptionId, ...data },
    });
  }

  private async recordFailure(delivery: DeliveryToSend, error: unknown, run: JobRun): Promise<never> {
    if (!(error instanceof FetchFailure)) throw error;
    const givingUp = error.permanent || run.finalAttempt;
    await this.db.transaction(async () => {
      await this.webhooks.recordFailedAttempt(delivery.id, {
        status: givingUp ? 'failed' : 'pending',
        responseStatus: httpStatusOf(error.code),
        error: error.code,
      });
      if (givingUp) await this.recordOutcome(delivery, 'webhook.failed', { error: error.code, attempt: run.attempt });
    });
    this.logger.warn(
      `webhook delivery ${delivery.id} (${delivery.event}) attempt ${run.attempt} failed: ${error.code} (${error.message})` +
        (givingUp ? '; giving up' : '; will retry'),
    );
    if (error.permanent) {
      throw new DomainError('unprocessable', 'webhook_delivery.failed', `${error.code}: ${error.message}`);
    }
    throw error;
  }
}

/** The events asked for, when they are known, distinct and at least one. */
function checkedEvents(events: readonly string[]): WebhookEvent[] {
  const known = new Set<string>(webhookEvents);
  const unknown = events.filter((event) => !known.has(event));
  const message =
    events.length === 0
      ? 'must name at least one event'
      : unknown.length > 0
        ? `must each be one of ${webhookEvents.join(', ')}`
        : new Set(events).size !== events.length
          ? 'must not name an event twice'
          : undefined;
  if (message !== undefined) {
    throw DomainError.invalid('webhook.invalid_events', 'The events cannot be subscribed to.', [
      fieldProblem('events', message),
    ]);
  }
  return events as WebhookEvent[];
}

function httpStatusOf(code: string): number | null {
  const match = /^http_(\d{3})$/.exec(code);
  return match === null ? null : Number(match[1]);
}

function pageOf<Row extends { id: string; createdMicros: string }, View>(
  rows: readonly Row[],
  limit: number,
  toView: (row: Row) => View,
): Page<View> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(toView),
    nextCursor: rows.length > limit && last !== undefined ? toListCursor(last) : null,
  };
}

function toSubscriptionView(row: SubscriptionRow): SubscriptionView {
  return { id: row.id, url: row.url, events: row.events, createdBy: row.createdBy, createdAt: row.createdAt };
}

function toDeliveryView(row: DeliveryRow): DeliveryView {
  return {
    id: row.id,
    subscriptionId: row.subscriptionId,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    responseStatus: row.responseStatus,
    lastError: row.lastError,
    createdAt: row.createdAt,
    deliveredAt: row.deliveredAt,
  };
}

function webhookNotFound(id: string): DomainError {
  return DomainError.notFound('webhook.not_found', `No webhook has the id ${id}.`);
}
