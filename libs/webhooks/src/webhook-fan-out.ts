import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { EventHooks, type EventSubscriber, type RecordedEvent } from '@claimdesk/events';
import { Database } from '@claimdesk/persistence';
import { JobOutbox } from '@claimdesk/queue';
import { deliveryBody, webhookEventOf } from './webhook-payload';
import type { WebhookEvent } from './webhook-subscription.entity';
import { type NewDelivery, WebhooksRepository } from './webhooks.repository';

/**
 * Turns recorded events into webhook deliveries: for every subscription (not
 * deleted) that asked for the event, a delivery row and its `webhook.deliver`
 * job, written in the transaction that writes the event, so a change that
 * rolls back sends nothing and one that commits cannot lose its deliveries.
 * Subscriptions are read afresh for every batch: one created a moment ago
 * hears of the next event.
 */
@Injectable()
export class WebhookFanOut implements EventSubscriber, OnModuleInit {
  private readonly logger = new Logger(WebhookFanOut.name);

  constructor(
    private readonly hooks: EventHooks,
    private readonly db: Database,
    private readonly webhooks: WebhooksRepository,
    private readonly outbox: JobOutbox,
  ) {}

  onModuleInit(): void {
    this.hooks.subscribe(this);
  }

  async onEvents(events: readonly RecordedEvent[]): Promise<void> {
    const matching = events.flatMap((event) => {
      const name = webhookEventOf(event);
      return name === undefined ? [] : [{ event, name }];
    });
    if (matching.length === 0) return;
    // Joins the writer's transaction; opens one when an event was written outside any.
    await this.db.transaction(async () => {
      const subscribers = await this.webhooks.subscribersOf([...new Set(matching.map(({ name }) => name))]);
      const deliveries = matching.flatMap(({ event, name }) =>
        subscribers
          .filter((subscriber) => subscriber.events.includes(name))
          .map((subscriber) => newDelivery(subscriber.id, name, event)),
      );
      if (deliveries.length === 0) return;
      await this.webhooks.insertDeliveries(deliveries);
      for (const delivery of deliveries) {
        await this.outbox.enqueue({ name: 'webhook.deliver', data: { deliveryId: delivery.id } }, { key: delivery.id });
      }
      this.logger.debug(`queued ${deliveries.length} webhook deliveries`);
    });
  }
}

function newDelivery(subscriptionId: string, name: WebhookEvent, event: RecordedEvent): NewDelivery {
  // The id is made here, not by the database, so that the body can carry it.
  const id = randomUUID();
  return { id, subscriptionId, event: name, body: deliveryBody(id, name, event) };
}
