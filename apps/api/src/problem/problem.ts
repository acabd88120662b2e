import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { DomainError, type ErrorKind, type FieldProblem, sentence } from '@claimdesk/errors';
import { isConnectionLoss } from '@claimdesk/persistence';

/** An RFC 9457 problem document, with Claimdesk's stable `code` as an extension. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

const statusOfKind: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  unprocessable: 422,
  unavailable: 503,
};

/** Seconds a client is told to wait (`Retry-After`) before repeating a request refused with 503. */
export const retryAfterSeconds = 2;

const fastifyErrors: Record<string, { status: number; code: string; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'request.too_large',
    detail: 'The request body is larger than 1 MiB.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'request.unsupported_media_type',
    detail: 'Send the body as application/json.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'request.empty_body', detail: 'The JSON body is empty.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'request.malformed_json', detail: 'The body is not valid JSON.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'request.bad_content_length',
    detail: 'Content-Length does not match the body.',
  },
};

export function problem(status: number, code: string, detail: string, extra: Partial<Problem> = {}): Problem {
  // The standard members come last: details never override them.
  return {
    ...extra,
    type: `/problems/${code}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail: sentence(detail),
    code,
  };
}

/**
 * Maps anything thrown while serving a request to a problem document. Errors we
 * did not raise on purpose become a bare 500: no message, stack or SQL leaks.
 */
export function toProblem(error: unknown): { problem: Problem; unexpected: boolean } {
  if (error instanceof DomainError) {
    const { errors, ...details } = error.details;
    const extra: Partial<Problem> = { ...details };
    if (errors !== undefined && errors.length > 0) extra.errors = errors;
    return { problem: problem(statusOfKind[error.kind], error.code, error.message, extra), unexpected: false };
  }
  if (error instanceof ThrottlerException) {
    return {
      problem: problem(429, 'request.rate_limited', 'Too many requests for this token: slow down.'),
      unexpected: false,
    };
  }
  const fastifyError = fastifyErrorOf(error);
  if (fastifyError !== undefined)
    return { problem: problem(fastifyError.status, fastifyError.code, fastifyError.detail), unexpected: false };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status >= 500) return { problem: internal(), unexpected: true };
    return { problem: problem(status, codeOfStatus(status), detailOf(error)), unexpected: false };
  }
  if (isConnectionLoss(error)) {
    return {
      problem: problem(503, 'service.unavailable', 'The connection to the database was lost; try again in a moment.'),
      unexpected: false,
    };
  }
  const { statusCode } = error as { statusCode?: unknown };
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return { problem: problem(statusCode, codeOfStatus(statusCode), 'The request was refused.'), unexpected: false };
  }
  return { problem: internal(), unexpected: true };
}

/** A Fastify request error we know, raw or as Nest wraps it (an HttpException whose cause it is). */
function fastifyErrorOf(error: unknown): { status: number; code: string; detail: string } | undefined {
  for (const candidate of [error, (error as { cause?: unknown } | null)?.cause]) {
    const code = (candidate as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && code in fastifyErrors) return fastifyErrors[code];
  }
  return undefined;
}

function internal(): Problem {
  return problem(500, 'internal', 'Something went wrong on our side; the error has been logged.');
}

function codeOfStatus(status: number): string {
  switch (status) {
    case 404:
      return 'route.not_found';
    case 405:
      return 'route.method_not_allowed';
    case 413:
      return 'request.too_large';
    default:
      return `http.${status}`;
  }
}

function detailOf(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return typeof message === 'string' ? message : error.message;
}
