export { type DeliveryStatus, deliveryStatuses, WebhookDelivery } from './webhook-delivery.entity';
export { type WebhookEvent, webhookEvents, WebhookSubscription } from './webhook-subscription.entity';
