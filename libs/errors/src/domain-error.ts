/**
 * How a domain error reads to a caller: the API maps each kind to one HTTP
 * status in its exception filter; the worker maps it to retry or give up.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'unprocessable'
  /** A part the work needs (the database, the queue) is down for now: try again later. */
  | 'unavailable';

/**
 * A stable error code, `area.reason` (`claim.not_found`); each lib names its
 * own in one `…-errors.ts` constant, so throwers and readers share one spelling.
 */
export type ErrorCode = `${string}.${string}`;

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * An error the domain raises on purpose, with a stable `code` (such as
 * `claim.not_found`) that clients and tests can rely on.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: ErrorCode,
    message: string,
    readonly details: { errors?: FieldProblem[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(code: ErrorCode, message: string): DomainError {
    return new DomainError('not_found', code, message);
  }

  static invalid(code: ErrorCode, message: string, errors: FieldProblem[] = []): DomainError {
    return new DomainError('invalid', code, message, { errors });
  }

  static conflict(code: ErrorCode, message: string, details: Record<string, unknown> = {}): DomainError {
    return new DomainError('conflict', code, message, details);
  }
}
