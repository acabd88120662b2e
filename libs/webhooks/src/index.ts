export { type DeliveryStatus, deliveryStatuses, WebhookDelivery } from './webhook-delivery.entity';
export { type WebhookEvent, webhookEvents, WebhookSubscription } from './webhook-subscription.entity';
export { webhookSignature } from './webhook-signature';
export type * from './webhook.views';
export { WebhooksModule } from './webhooks.module';
export { WebhooksService } from './webhooks.service';
export { WebhookErrors, type WebhookErrorCode } from './webhook-errors';
