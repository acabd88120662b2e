import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AccountsService, type Principal } from '@claimdesk/accounts';
import { DomainError } from '@claimdesk/errors';
import { WebhooksService } from '@claimdesk/webhooks';
import { MinRole } from '../auth/access.decorators';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { uuidParam } from '../validation/uuid-param.pipe';
import { CreateWebhookRequest } from '../webhooks/create-webhook.request';
import {
  deliveriesPage,
  doneMessage,
  tokenFields,
  userFields,
  usersPage,
  type UsersPageInput,
  webhookFields,
  webhooksPage,
  type WebhooksPageInput,
} from './admin-pages.view-model';
import { cursorOf, formErrors, listField, problemsOf, textField, validateForm } from './forms';
import { WebPages } from './web-pages.decorator';

const pageSize = 50;

/**
 * The admin pages: users and their API tokens, and webhook subscriptions with
 * their deliveries. Secrets (a generated password, a token, a signing secret)
 * are shown once, on the page that answers the post that made them, never in
 * a URL. The queue dashboard at /admin/queues is bull-board (see configure-web).
 */
@WebPages()
@MinRole('admin')
@Controller('admin')
export class AdminPagesController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly webhooks: WebhooksService,
  ) {}

  @Get()
  home(@Res() reply: FastifyReply): void {
    void reply.redirect('/admin/users', 303);
  }

  // ----- users and tokens ----------------------------------------------------

  @Get('users')
  @Render('admin-users')
  async users(@Query('done') done: unknown) {
    return usersPage({ users: await this.accounts.listUsers(), notice: doneMessage('users', done) });
  }

  @Post('users')
  async createUser(@Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const values = { email: textField(body, 'email'), name: textField(body, 'name'), role: textField(body, 'role') };
    const rawPassword = (body as Record<string, unknown> | null)?.password;
    const password = typeof rawPassword === 'string' && rawPassword !== '' ? rawPassword : undefined;
    try {
      const user = await this.accounts.createUser({
        email: values.email ?? '',
        name: values.name ?? '',
        role: values.role ?? '',
        ...(password === undefined ? {} : { password }),
      });
      const who = `${user.name} (${user.email}) can log in as ${/^[aeiou]/.test(user.role) ? 'an' : 'a'} ${user.role}`;
      const shown: Omit<UsersPageInput, 'users'> =
        user.generatedPassword === undefined
          ? { created: `${who}, with the password you chose.` }
          : {
              secret: {
                heading: 'Copy the new password now',
                intro: `${who} with this password.`,
                secret: user.generatedPassword,
              },
            };
      await this.showUsers(reply, 201, shown);
    } catch (error) {
      const problems =
        problemsOf(error) ??
        (error instanceof DomainError && error.code === 'user.email_taken'
          ? [{ field: 'email', message: 'is already used by another user' }]
          : undefined);
      if (problems === undefined) throw error;
      const status = error instanceof DomainError && error.kind === 'conflict' ? 409 : 400;
      await this.showUsers(reply, status, { userForm: { values, errors: formErrors(problems, userFields) } });
    }
  }

  @Post('users/:id/tokens')
  async createToken(
    @Param('id', uuidParam('id')) userId: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const name = textField(body, 'name');
    if (name === undefined) {
      const errors = formErrors(
        [{ field: 'name', message: 'is needed: say what will use the token' }],
        tokenFields(userId),
      );
      return void (await this.showUsers(reply, 400, { tokenForm: { userId, value: name, errors } }));
    }
    try {
      const created = await this.accounts.createToken({ userId, name });
      const users = await this.accounts.listUsers();
      const owner = users.find((user) => user.id === userId);
      const whose = owner === undefined ? 'the user' : `${owner.name} (${owner.email})`;
      const intro = `“${created.name}” is an API token of ${whose}. Programs send it in an Authorization: Bearer header.`;
      const secret = { heading: 'Copy the new API token now', intro, secret: created.token };
      void reply.code(201).view('admin-users', usersPage({ users, secret }));
    } catch (error) {
      const problems = problemsOf(error);
      if (problems === undefined) throw error;
      await this.showUsers(reply, 400, {
        tokenForm: { userId, value: name, errors: formErrors(problems, tokenFields(userId)) },
      });
    }
  }

  @Post('tokens/:id/revoke')
  async revokeToken(@Param('id', uuidParam('id')) tokenId: string, @Res() reply: FastifyReply): Promise<void> {
    if (!(await this.accounts.revokeToken(tokenId))) {
      throw DomainError.notFound('token.not_found', 'No active API token has that id: it may be revoked already.');
    }
    void reply.redirect('/admin/users?done=revoked', 303);
  }

  private async showUsers(reply: FastifyReply, status: number, input: Omit<UsersPageInput, 'users'>) {
    const users = await this.accounts.listUsers();
    return reply.code(status).view('admin-users', usersPage({ ...input, users }));
  }

  // ----- webhooks ------------------------------------------------------------

  @Get('webhooks')
  @Render('admin-webhooks')
  async webhookList(@Query('done') done: unknown, @Query('cursor') cursor: unknown) {
    const page = await this.webhooks.list(cursorOf(cursor), pageSize);
    return webhooksPage({ page, notice: doneMessage('webhooks', done) });
  }

  @Post('webhooks')
  async subscribe(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const url = textField(body, 'url');
    const events = listField(body, 'events');
    const form = { url, events };
    const checked = await validateForm(CreateWebhookRequest, form);
    if (checked.problems !== undefined) {
      return void (await this.showWebhooks(reply, 400, {
        form: { ...form, errors: formErrors(checked.problems, webhookFields) },
      }));
    }
    try {
      const created = await this.webhooks.subscribe(principal.userId, checked.value);
      await this.showWebhooks(reply, 201, {
        secret: {
          heading: 'Copy the signing secret now',
          intro: `Every delivery to ${created.url} is signed with this secret (the X-Claimdesk-Signature header).`,
          secret: created.secret,
        },
      });
    } catch (error) {
      const problems = problemsOf(error);
      if (problems === undefined) throw error;
      await this.showWebhooks(reply, 400, { form: { ...form, errors: formErrors(problems, webhookFields) } });
    }
  }

  @Post('webhooks/:id/delete')
  async unsubscribe(@Param('id', uuidParam('id')) id: string, @Res() reply: FastifyReply): Promise<void> {
    await this.webhooks.remove(id);
    void reply.redirect('/admin/webhooks?done=deleted', 303);
  }

  @Get('webhooks/:id')
  @Render('admin-webhook-deliveries')
  async deliveries(
    @Param('id', uuidParam('id')) id: string,
    @Query('done') done: unknown,
    @Query('cursor') cursor: unknown,
  ) {
    const subscription = await this.webhooks.subscription(id);
    const page = await this.webhooks.listDeliveries(id, cursorOf(cursor), pageSize);
    return deliveriesPage(subscription, page, doneMessage('deliveries', done));
  }

  @Post('webhooks/:id/deliveries/:deliveryId/replay')
  async replay(
    @Param('id', uuidParam('id')) id: string,
    @Param('deliveryId', uuidParam('deliveryId')) deliveryId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.webhooks.replay(id, deliveryId);
    void reply.redirect(`/admin/webhooks/${id}?done=replayed`, 303);
  }

  private async showWebhooks(reply: FastifyReply, status: number, input: Omit<WebhooksPageInput, 'page'>) {
    const page = await this.webhooks.list(undefined, pageSize);
    return reply.code(status).view('admin-webhooks', webhooksPage({ ...input, page }));
  }
}
