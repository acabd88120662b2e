import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const meaning: Record<number, string> = {
  400: 'Invalid input: malformed JSON, an unknown field, or a bad value (errors lists each field)',
  404: 'No such resource',
  409: 'Conflict, e.g. the same Idempotency-Key is still being processed',
  412: 'The If-Match version is stale',
  413: 'The body is larger than 1 MiB',
  415: 'The body is not JSON',
  422: 'The Idempotency-Key was used with a different request',
  429: 'Rate limit of the token reached; see Retry-After',
};

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', example: '/problems/request.invalid' },
    title: { type: 'string', example: 'Bad Request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string', example: 'The request has invalid fields.', description: 'One or more whole sentences' },
    code: { type: 'string', example: 'request.invalid', description: 'Stable error code' },
    instance: { type: 'string', example: '/api/v1/claims' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          field: { type: 'string', example: 'claimant.name' },
          message: {
            type: 'string',
            example: 'Claimant name must be 1–200 characters.',
            description: 'A whole sentence that names the field',
          },
        },
      },
    },
  },
};

/** Documents the problem+json (RFC 9457) responses a route can give. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: meaning[status] ?? 'Error',
        content: { 'application/problem+json': { schema: problemSchema } },
      }),
    ),
  );
}
