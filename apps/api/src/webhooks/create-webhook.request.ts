import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { type WebhookEvent, webhookEvents } from '@claimdesk/webhooks';
import { IsText } from '../validation/is-text.decorator';

export class CreateWebhookRequest {
  @ApiProperty({
    example: 'https://hooks.example.org/claimdesk',
    maxLength: 2048,
    description: 'Where deliveries are POSTed: an http or https URL without credentials',
  })
  @IsText(1, 2048)
  url: string;

  @ApiProperty({
    enum: webhookEvents,
    isArray: true,
    example: ['claim.submitted', 'claim.published'],
    description: 'The events to deliver: at least one, each at most once',
  })
  // Checked bottom-up: an array first, then its items, then its size.
  @ArrayUnique({ message: 'must not name an event twice' })
  @ArrayMaxSize(webhookEvents.length)
  @ArrayNotEmpty({ message: 'must name at least one event' })
  @IsIn(webhookEvents, { each: true, message: `must each be one of ${webhookEvents.join(', ')}` })
  @IsArray()
  events: WebhookEvent[];
}
