import { Module } from '@nestjs/common';
import { EventsModule } from '@claimdesk/events';
import { FetcherModule } from '@claimdesk/fetcher';
import { WebhookFanOut } from './webhook-fan-out';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/**
 * Webhooks: subscriptions, the fan-out of recorded events into signed
 * deliveries, and the job that sends them. Every process that records events
 * subscribers may want (the api and the worker) must import this module, or
 * its events reach no webhook.
 */
@Module({
  imports: [EventsModule, FetcherModule],
  providers: [WebhookFanOut, WebhooksRepository, WebhooksService],
  exports: [WebhooksService],
})
export class WebhooksModule {}
