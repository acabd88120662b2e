import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

/**
 * SQLSTATE classes and codes, and Node socket errors, that mean the database
 * connection itself failed (the server restarted, an administrator ended the
 * session, the network dropped it), not that the statement was wrong: the
 * same work may succeed on a new connection.
 */
const connectionSqlStates = new Set(['57P01', '57P02', '57P03']);
const socketCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTCONN', 'EHOSTUNREACH']);
/** What node-postgres says when it loses a connection without a code. */
const connectionMessages =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;

/** True when `error` (or what it wraps: TypeORM's `driverError`, a `cause`) is a lost database connection. */
export function isConnectionLoss(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending = [error];
  while (pending.length > 0) {
    const candidate = pending.pop();
    if (candidate === null || typeof candidate !== 'object' || seen.has(candidate)) continue;
    seen.add(candidate);
    const { code, message, driverError, cause } = candidate as {
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string' && (connectionSqlStates.has(code) || code.startsWith('08') || socketCodes.has(code))) {
      return true;
    }
    if (typeof message === 'string' && connectionMessages.test(message)) return true;
    // TypeORM releases a query runner when its connection emits an error; a
    // transaction's next statement then meets the released runner instead.
    if (
      candidate instanceof QueryRunnerAlreadyReleasedError ||
      candidate instanceof QueryRunnerProviderAlreadyReleasedError
    ) {
      return true;
    }
    pending.push(driverError, cause);
  }
  return false;
}
