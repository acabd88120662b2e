import { DomainError, fieldProblem } from '@claimdesk/errors';
import type { ListPosition } from './webhooks.repository';

/** Opaque page cursors of the webhook lists: base64url JSON of a keyset position, checked on the way back in. */
export function encodeCursor(position: ListPosition): string {
  return Buffer.from(JSON.stringify({ t: position.createdMicros, i: position.id })).toString('base64url');
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor(cursor: string): ListPosition {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const { t, i } = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  // Microseconds since the epoch, well inside the range PostgreSQL's bigint and timestamps accept.
  if (typeof t !== 'string' || !/^\d{1,16}$/.test(t) || typeof i !== 'string' || !uuidPattern.test(i)) {
    throw DomainError.invalid('cursor.invalid', 'The cursor is not one this list gave out.', [
      fieldProblem('cursor', 'must be a nextCursor value returned by the same list'),
    ]);
  }
  return { createdMicros: t, id: i };
}
