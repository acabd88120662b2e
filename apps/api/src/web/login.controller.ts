import { Body, Controller, Get, HttpCode, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AccountsService } from '@claimdesk/accounts';
import { DomainError, fieldProblem } from '@claimdesk/errors';
import { Public } from '../auth/access.decorators';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { formErrors, noErrors, textField } from './forms';
import { LoginFailures } from './login-failures';
import { renderErrorPage, safeNext } from './page-error.filter';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from './session-cookie';
import { WebPages } from './web-pages.decorator';

const fields = { email: { id: 'email', label: 'Email' }, password: { id: 'password', label: 'Password' } };

@WebPages()
@Controller()
export class LoginController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly failures: LoginFailures,
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
      ...(email === '' ? [fieldProblem('email', 'is needed to log in')] : []),
      ...(password === '' ? [fieldProblem('password', 'is needed to log in')] : []),
    ];
    if (missing.length > 0) {
      return void reply.code(400).view('login', { next, values: { email }, errors: formErrors(missing, fields) });
    }
    const key = `login:${request.ip}:${email.toLowerCase()}`;
    const blockedFor = this.failures.blockedFor(key);
    if (blockedFor > 0) {
      const minutes = Math.max(1, Math.ceil(blockedFor / 60));
      void reply.header('retry-after', String(blockedFor));
      return void renderErrorPage(reply, 429, `Too many failed logins for ${email}. Try again in ${minutes} minutes.`);
    }
    try {
      const session = await this.accounts.logIn(email, password);
      this.failures.recordSuccess(key);
      setSessionCookie(reply, session.token);
      return void reply.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'unauthenticated') throw error;
      this.failures.recordFailure(key);
      const message =
        error.code === 'auth.deactivated'
          ? 'belongs to a deactivated account: ask an admin to reactivate it'
          : 'or password is not right';
      const errors = formErrors([fieldProblem('email', message)], fields);
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
