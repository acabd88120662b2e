import { decodeCursor, encodeCursor, isUuid } from '@claimdesk/persistence';
import type { ListPosition } from './webhooks.repository';

/** A webhook list's position as its cursor holds it: creation time (microseconds) and id. */
type ListCursor = { t: string; i: string };

export function toListCursor(position: ListPosition): string {
  return encodeCursor({ t: position.createdMicros, i: position.id } satisfies ListCursor);
}

/** The position a cursor of a webhook list names; any other cursor is refused (400 `cursor.invalid`). */
export function fromListCursor(cursor: string): ListPosition {
  const { t, i } = decodeCursor(cursor, isListCursor);
  return { createdMicros: t, id: i };
}

function isListCursor(value: Record<string, unknown>): value is ListCursor {
  // Microseconds since the epoch, well inside the range PostgreSQL's bigint and timestamps accept.
  return typeof value.t === 'string' && /^\d{1,16}$/.test(value.t) && isUuid(value.i);
}
