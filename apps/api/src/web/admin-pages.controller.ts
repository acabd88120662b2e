import { Body, Controller, Get, Param, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccountsService, type Principal } from '@claimdesk/accounts';
import { DomainError, fieldProblem } from '@claimdesk/errors';
import { WebhooksService } from '@claimdesk/webhooks';
import { MinRole } from '../auth/access.decorators';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { uuidParam } from '../validation/uuid-param.pipe';
import { CreateWebhookRequest } from '../webhooks/create-webhook.request';
import {
  accountFields,
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
import { ShownSecrets } from './shown-secrets';
import { WebPages } from './web-pages.decorator';

const pageSize = 50;

/**
 * The admin pages: users (their accounts and API tokens), and webhook
 * subscriptions with their deliveries. Secrets (a generated password, a token,
 * a signing secret) are shown once, never in a URL: on the page that answers
 * the post that made them, or, for a token or a reset password, on the page
 * that post redirects to (see ShownSecrets), so a reload makes nothing new. The queue dashboard at /admin/queues is bull-board (see configure-web).
 */
@WebPages()
@MinRole('admin')
@Controller('admin')
export class AdminPagesController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly webhooks: WebhooksService,
    private readonly shown: ShownSecrets,
  ) {}

  @Get()
  home(@Res() reply: FastifyReply): void {
    void reply.redirect('/admin/users', 303);
  }

  // ----- users and tokens ----------------------------------------------------

  /** The list; shows, once, a secret the post before the redirect here kept for this page. */
  @Get('users')
  async users(
    @Query('done') done: unknown,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const secret = this.shown.take(request, reply);
    await this.showUsers(reply, 200, principal, {
      // The secret's own panel says what happened; without it, a reload says it was shown already.
      ...(secret === undefined ? { notice: doneMessage('users', done) } : { secret }),
    });
  }

  @Post('users')
  async createUser(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
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
      const shown: Omit<UsersPageInput, 'users' | 'you'> =
        user.generatedPassword === undefined
          ? { created: `${who}, with the password you chose.` }
          : {
              secret: {
                heading: 'Copy the new password now',
                intro: `${who} with this password.`,
                secret: user.generatedPassword,
              },
            };
      await this.showUsers(reply, 201, principal, shown);
    } catch (error) {
      const problems =
        problemsOf(error) ??
        (error instanceof DomainError && error.code === 'user.email_taken'
          ? [fieldProblem('email', 'is already used by another user')]
          : undefined);
      if (problems === undefined) throw error;
      const status = error instanceof DomainError && error.kind === 'conflict' ? 409 : 400;
      await this.showUsers(reply, status, principal, {
        userForm: { values, errors: formErrors(problems, userFields) },
      });
    }
  }

  /**
   * Creates a token and redirects to the list, which shows it once
   * (POST-redirect-GET): reloading the page that shows it makes no second token.
   */
  @Post('users/:id/tokens')
  async createToken(
    @Param('id', uuidParam('id')) userId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const name = textField(body, 'name');
    if (name === undefined) {
      const errors = formErrors([fieldProblem('name', 'is needed: say what will use the token')], tokenFields(userId));
      return void (await this.showUsers(reply, 400, principal, { tokenForm: { userId, value: name, errors } }));
    }
    try {
      const created = await this.accounts.createToken({ userId, name });
      const owner = (await this.accounts.listUsers()).find((user) => user.id === userId);
      const whose = owner === undefined ? 'the user' : `${owner.name} (${owner.email})`;
      const intro = `“${created.name}” is an API token of ${whose}. Programs send it in an Authorization: Bearer header.`;
      this.shown.keep(request, reply, { heading: 'Copy the new API token now', intro, secret: created.token });
      void reply.redirect('/admin/users?done=token', 303);
    } catch (error) {
      const problems =
        problemsOf(error) ??
        (error instanceof DomainError && error.code === 'user.deactivated'
          ? [fieldProblem('name', 'cannot be given: the user is deactivated. Reactivate them first.')]
          : undefined);
      if (problems === undefined) throw error;
      await this.showUsers(reply, 400, principal, {
        tokenForm: { userId, value: name, errors: formErrors(problems, tokenFields(userId)) },
      });
    }
  }

  @Post('users/:id/deactivate')
  async deactivate(
    @Param('id', uuidParam('id')) userId: string,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    try {
      await this.accounts.deactivateUser(principal.userId, { userId });
      void reply.redirect(`/admin/users?done=deactivated#user-${userId}`, 303);
    } catch (error) {
      await this.refusedAccountChange(reply, principal, error, accountFields(userId).active);
    }
  }

  @Post('users/:id/reactivate')
  async reactivate(
    @Param('id', uuidParam('id')) userId: string,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.accounts.reactivateUser(principal.userId, { userId });
    void reply.redirect(`/admin/users?done=reactivated#user-${userId}`, 303);
  }

  @Post('users/:id/role')
  async changeRole(
    @Param('id', uuidParam('id')) userId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    try {
      await this.accounts.changeRole(principal.userId, { userId }, textField(body, 'role') ?? '');
      void reply.redirect(`/admin/users?done=role#user-${userId}`, 303);
    } catch (error) {
      await this.refusedAccountChange(reply, principal, error, accountFields(userId).role);
    }
  }

  /** A new generated password, shown once on the page redirected to; the user's web sessions end. */
  @Post('users/:id/password')
  async resetPassword(
    @Param('id', uuidParam('id')) userId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // The admin's own session survives a reset of their own password: the new one is shown in it.
    const { user, password } = await this.accounts.resetPassword(principal.userId, { userId }, principal.sessionId);
    this.shown.keep(request, reply, {
      heading: 'Copy the new password now',
      intro:
        user.id === principal.userId
          ? `You log in with this password from now on; your other sessions were ended.`
          : `${user.name} (${user.email}) logs in with this password from now on; their open sessions were ended.`,
      secret: password,
    });
    void reply.redirect('/admin/users?done=password', 303);
  }

  /** Shows why an account change was refused (the last active admin, a role that is not one) beside its control. */
  private async refusedAccountChange(
    reply: FastifyReply,
    principal: Principal,
    error: unknown,
    field: { id: string; label: string },
  ): Promise<void> {
    const message =
      error instanceof DomainError && error.code === 'user.last_admin'
        ? error.message
        : problemsOf(error)?.map((problem) => `${field.label} ${problem.message}`)[0];
    if (message === undefined) throw error;
    const status = error instanceof DomainError && error.kind === 'conflict' ? 409 : 400;
    await this.showUsers(reply, status, principal, { accountError: { id: field.id, message } });
  }

  @Post('tokens/:id/revoke')
  async revokeToken(@Param('id', uuidParam('id')) tokenId: string, @Res() reply: FastifyReply): Promise<void> {
    if (!(await this.accounts.revokeToken(tokenId))) {
      throw DomainError.notFound('token.not_found', 'No active API token has that id: it may be revoked already.');
    }
    void reply.redirect('/admin/users?done=revoked', 303);
  }

  private async showUsers(
    reply: FastifyReply,
    status: number,
    principal: Principal,
    input: Omit<UsersPageInput, 'users' | 'you'>,
  ) {
    const users = await this.accounts.listUsers();
    return reply.code(status).view('admin-users', usersPage({ ...input, users, you: principal.userId }));
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
