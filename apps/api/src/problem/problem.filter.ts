import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toProblem } from './problem';

/**
 * The one place errors become responses: `application/problem+json` for every
 * failure, from Nest (guards, pipes, handlers) and from Fastify (body parsing).
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}

export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  const { problem, unexpected } = toProblem(error);
  if (unexpected) logger.error(error instanceof Error ? error : String(error), (error as Error)?.stack);
  if (problem.status === 401) void reply.header('www-authenticate', 'Bearer');
  void reply
    .status(problem.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send(JSON.stringify({ ...problem, instance: request.url.split('?')[0], requestId: request.id }));
}
