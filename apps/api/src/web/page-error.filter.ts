import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toProblem } from '../problem/problem';

/** The headline of each error page, by status. */
const headlines: Record<number, string> = {
  400: 'That request was not understood',
  403: 'You cannot open this page',
  404: 'Page not found',
  409: 'That cannot be done now',
  412: 'Someone changed this in the meantime',
  429: 'Too many requests',
};

/**
 * Errors on web pages become HTML: a visitor who is not signed in is sent to
 * the login page (and back afterwards); the rest see an error page saying what
 * went wrong, never a stack trace.
 */
@Catch()
export class PageErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Page');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { problem, unexpected } = toProblem(error);
    if (unexpected) this.logger.error(error instanceof Error ? error : String(error), (error as Error)?.stack);
    if (problem.status === 401) {
      const next = request.method === 'GET' ? request.url : (request.headers.referer ?? '/claims');
      const login = `/login?next=${encodeURIComponent(safeNext(next))}`;
      // A fragment htmx asked for (the live checks) must not swap the login page into the section:
      // htmx follows HX-Redirect with a whole-page visit instead.
      if (request.headers['hx-request'] === 'true') {
        const page = safeNext(request.headers['hx-current-url'] ?? '/claims');
        void reply
          .header('hx-redirect', `/login?next=${encodeURIComponent(page)}`)
          .code(200)
          .send('');
        return;
      }
      void reply.redirect(login, 303);
      return;
    }
    void renderErrorPage(reply, problem.status, unexpected ? 'Something went wrong on our side.' : problem.detail);
  }
}

/** Renders the error page with `status`; also used by the Fastify hooks that refuse requests. */
export function renderErrorPage(reply: FastifyReply, status: number, detail: string): FastifyReply {
  const title = headlines[status] ?? (status >= 500 ? 'Something went wrong' : 'That did not work');
  return reply.code(status).header('cache-control', 'no-store').view('error', { title, status, detail });
}

/** A path on this site to return to after login: anything else becomes the queue. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string') return '/claims';
  let path = next;
  try {
    // A full URL (a Referer) keeps only its path, and only when it is ours: the caller checks the origin.
    if (/^https?:\/\//i.test(next)) path = new URL(next).pathname + new URL(next).search;
  } catch {
    return '/claims';
  }
  return /^\/(?![/\\])[^\s]*$/.test(path) && !path.startsWith('/login') ? path : '/claims';
}
