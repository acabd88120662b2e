import { ApiProperty } from '@nestjs/swagger';
import { deliveryStatuses, webhookEvents } from '@claimdesk/webhooks';

export class WebhookResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'https://hooks.example.org/claimdesk' }) url: string;
  @ApiProperty({ enum: webhookEvents, isArray: true, example: ['claim.submitted'] }) events: string[];
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The admin who subscribed' })
  createdBy: string | null;
  @ApiProperty() createdAt: Date;
}

export class CreatedWebhookResponse extends WebhookResponse {
  @ApiProperty({
    example: 'whsec_5f0c8e0d3b1a4f6e9c2d7b8a1e3f5c7d9b0a2c4e6f8a1b3d5e7f9a0c2e4b6d8f',
    description:
      'Signs every delivery: X-Claimdesk-Signature is `sha256=` and the hex HMAC-SHA256 of the raw body, keyed with this whole string. Shown only in this response.',
  })
  secret: string;
}

export class WebhookPageResponse {
  @ApiProperty({ type: [WebhookResponse] }) items: WebhookResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next page; null on the last' })
  nextCursor: string | null;
}

export class WebhookDeliveryResponse {
  @ApiProperty({ format: 'uuid', description: 'Also the X-Claimdesk-Delivery header and the body’s id' }) id: string;
  @ApiProperty({ format: 'uuid' }) subscriptionId: string;
  @ApiProperty({ enum: webhookEvents }) event: string;
  @ApiProperty({
    enum: deliveryStatuses,
    description: '`pending` until answered with a 2xx (`delivered`) or given up on (`failed`)',
  })
  status: string;
  @ApiProperty({ example: 1, description: 'POSTs tried, replays included' }) attempts: number;
  @ApiProperty({ nullable: true, type: Number, example: 200, description: 'HTTP status of the last answer' })
  responseStatus: number | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'http_503',
    description:
      'Code of the last failed attempt: http_<status>, timeout, connection_failed, dns_failure, tls_error, blocked_address, invalid_url or subscription_deleted',
  })
  lastError: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) deliveredAt: Date | null;
}

export class WebhookDeliveryPageResponse {
  @ApiProperty({ type: [WebhookDeliveryResponse] }) items: WebhookDeliveryResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next page; null on the last' })
  nextCursor: string | null;
}
