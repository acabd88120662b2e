import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError, fieldProblem } from '@claimdesk/errors';
import { IdempotencyService } from '@claimdesk/idempotency';
import type { AuthenticatedRequest } from '../auth/authenticated-request';

/**
 * Sends the response of a creating request, honouring `Idempotency-Key` when
 * the caller sends one: the first request runs, its response is stored with its
 * changes, and repeats get it back (marked `Idempotent-Replayed: true`).
 */
@Injectable()
export class IdempotentReplies {
  constructor(private readonly idempotency: IdempotencyService) {}

  async send(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    work: () => Promise<{ status: number; body: unknown }>,
  ): Promise<void> {
    const key = request.headers['idempotency-key'];
    if (key === undefined) {
      const { status, body } = await work();
      await reply.status(status).send(body);
      return;
    }
    if (typeof key !== 'string' || !IdempotencyService.isValidKey(key)) {
      throw DomainError.invalid('idempotency.invalid_key', 'The Idempotency-Key header is not valid.', [
        fieldProblem('Idempotency-Key', 'must be 1 to 255 visible ASCII characters'),
      ]);
    }
    const fingerprint = IdempotencyService.fingerprint(
      request.method,
      request.routeOptions.url ?? request.url,
      request.body,
    );
    const result = await this.idempotency.run(request.principal!.userId, key, fingerprint, work);
    if (result.replayed) void reply.header('idempotent-replayed', 'true');
    await reply
      .status(result.status)
      .header('content-type', 'application/json; charset=utf-8')
      .send(JSON.stringify(result.body));
  }
}
