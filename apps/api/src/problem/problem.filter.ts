import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isPageRequest } from '../web/page-request';
import { renderErrorPage } from '../web/page-error.filter';
import { retryAfterSeconds, toProblem } from './problem';
import { ApiErrors } from './api-errors';

/**
 * The one place errors become responses: `application/problem+json` for every
 * failure, from Nest (guards, pipes, handlers) and from Fastify (body parsing),
 * except a page no route serves, asked for by a browser (web pages have their
 * own filter).
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    // A browser that asked for a page no controller serves (a mistyped URL) gets an HTML page.
    if (isPageRequest(request)) {
      const { problem } = toProblem(error);
      if (problem.status === 404) return void renderErrorPage(reply, 404, 'There is no page at this address.');
    }
    sendProblem(error, request, reply, this.logger);
  }
}

export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  const { problem, unexpected } = toProblem(error);
  if (unexpected) logger.error(error instanceof Error ? error : String(error), (error as Error)?.stack);
  else if (problem.code === ApiErrors.unavailable) logger.warn(`${request.method} ${request.url}: ${problem.detail}`);
  if (problem.status === 401) void reply.header('www-authenticate', 'Bearer');
  if (problem.status === 503) void reply.header('retry-after', String(retryAfterSeconds));
  void reply
    .status(problem.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send(JSON.stringify({ ...problem, instance: request.url.split('?')[0], requestId: request.id }));
}
