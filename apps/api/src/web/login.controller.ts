import { Body, Controller, Get, HttpCode, Inject, Post, Query, Render, Req, Res } from '@nestjs/common';
import { getStorageToken, type ThrottlerStorage } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { AccountsService } from '@claimdesk/accounts';
import { DomainError } from '@claimdesk/errors';
import { Public } from '../auth/access.decorators';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { formErrors, noErrors, textField } from './forms';
import { renderErrorPage, safeNext } from './page-error.filter';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from './session-cookie';
import { WebPages } from './web-pages.decorator';

/** Attempts allowed per address and email in each window, and the window. */
export const loginAttempts = { limit: 10, windowMs: 15 * 60 * 1000 };

const fields = { email: { id: 'email', label: 'Email' }, password: { id: 'password', label: 'Password' } };

@WebPages()
@Controller()
export class LoginController {
  constructor(
    private readonly accounts: AccountsService,
    @Inject(getStorageToken()) private readonly attempts: ThrottlerStorage,
  ) {}

  @Get()
  @Public()
  home(@Res() reply: FastifyReply): void {
    void reply.redirect('/claims', 303);
  }

  @Get('login')
  @Public()
  @Render('login')
  form(
    @Query('next') next: unknown,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (request.principal !== undefined) return void reply.redirect(safeNext(next), 303);
    return { next: safeNext(next), values: {}, errors: noErrors };
  }

  @Post('login')
  @Public()
  @HttpCode(303)
  async logIn(@Body() body: unknown, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply): Promise<void> {
    const email = textField(body, 'email') ?? '';
    const password =
      typeof (body as Record<string, unknown>)?.password === 'string' ? (body as { password: string }).password : '';
    const next = safeNext(textField(body, 'next'));
    const missing = [
      ...(email === '' ? [{ field: 'email', message: 'is needed to log in' }] : []),
      ...(password === '' ? [{ field: 'password', message: 'is needed to log in' }] : []),
    ];
    if (missing.length > 0) {
      return void reply.code(400).view('login', { next, values: { email }, errors: formErrors(missing, fields) });
    }
    const attempt = await this.attempts.increment(
      `login:${request.ip}:${email.toLowerCase()}`,
      loginAttempts.windowMs,
      loginAttempts.limit,
      loginAttempts.windowMs,
      'login',
    );
    if (attempt.isBlocked) {
      const minutes = Math.max(1, Math.ceil(attempt.timeToBlockExpire / 60));
      void reply.header('retry-after', String(attempt.timeToBlockExpire));
      return void renderErrorPage(reply, 429, `Too many login attempts for ${email}. Try again in ${minutes} minutes.`);
    }
    try {
      const session = await this.accounts.logIn(email, password);
      setSessionCookie(reply, session.token);
      return void reply.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'unauthenticated') throw error;
      const errors = formErrors([{ field: 'email', message: 'or password is not right' }], fields);
      return void reply.code(401).view('login', { next, values: { email }, errors });
    }
  }

  @Post('logout')
  @Public()
  async logOut(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply): Promise<void> {
    const token = sessionTokenOf(request);
    if (token !== undefined) await this.accounts.logOut(token);
    clearSessionCookie(reply);
    void reply.redirect('/login', 303);
  }
}
