import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Principal } from '@claimdesk/accounts';
import type { Page } from '@claimdesk/persistence';
import {
  type CreatedSubscriptionView,
  type DeliveryView,
  type SubscriptionView,
  WebhooksService,
} from '@claimdesk/webhooks';
import { MinRole } from '../auth/access.decorators';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { PageQuery } from '../claims/list-claims.query';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { uuidParam } from '../validation/uuid-param.pipe';
import { CreateWebhookRequest } from './create-webhook.request';
import {
  CreatedWebhookResponse,
  WebhookDeliveryPageResponse,
  WebhookDeliveryResponse,
  WebhookPageResponse,
} from './webhook.response';

const defaultLimit = 50;

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @MinRole('admin')
  @ApiOperation({
    summary: 'Subscribe a URL to events',
    description:
      'Each event is POSTed as `{id, event, at, data}` with X-Claimdesk-Event, X-Claimdesk-Delivery and X-Claimdesk-Signature headers, and retried with backoff until answered with a 2xx. The signing secret is in this response only.',
  })
  @ApiCreatedResponse({ type: CreatedWebhookResponse })
  @ApiProblems(400, 413, 429)
  create(
    @Body() body: CreateWebhookRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CreatedSubscriptionView> {
    return this.webhooks.subscribe(principal.userId, body);
  }

  @Get()
  @MinRole('admin')
  @ApiOperation({ summary: 'The subscriptions, newest first, without their secrets' })
  @ApiOkResponse({ type: WebhookPageResponse })
  @ApiProblems(400, 429)
  list(@Query() query: PageQuery): Promise<Page<SubscriptionView>> {
    return this.webhooks.list(query.cursor, query.limit ?? defaultLimit);
  }

  @Delete(':id')
  @MinRole('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a subscription: nothing more is delivered to it' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 404, 429)
  remove(@Param('id', uuidParam('id')) id: string): Promise<void> {
    return this.webhooks.remove(id);
  }

  @Get(':id/deliveries')
  @MinRole('admin')
  @ApiOperation({ summary: "A subscription's deliveries, newest first, with what happened to each" })
  @ApiOkResponse({ type: WebhookDeliveryPageResponse })
  @ApiProblems(400, 404, 429)
  deliveries(@Param('id', uuidParam('id')) id: string, @Query() query: PageQuery): Promise<Page<DeliveryView>> {
    return this.webhooks.listDeliveries(id, query.cursor, query.limit ?? defaultLimit);
  }

  @Post(':id/deliveries/:deliveryId/replay')
  @MinRole('admin')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a delivered or failed delivery again',
    description: 'The same body, under the same delivery id, signed again; 409 while the delivery is still pending.',
  })
  @ApiAcceptedResponse({ type: WebhookDeliveryResponse, description: 'The delivery, pending again' })
  @ApiProblems(400, 404, 409, 429)
  replay(
    @Param('id', uuidParam('id')) id: string,
    @Param('deliveryId', uuidParam('deliveryId')) deliveryId: string,
  ): Promise<DeliveryView> {
    return this.webhooks.replay(id, deliveryId);
  }
}
