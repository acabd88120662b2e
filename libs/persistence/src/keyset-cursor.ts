import { DomainError, fieldProblem } from '@claimdesk/errors';

/** A keyset position as a list writes it into a cursor: short keys, string or number values. */
export type CursorPosition = Record<string, string | number>;

/**
 * An opaque page cursor: base64url JSON of the keyset position. Clients hand
 * it back unchanged, so it is checked on the way back in by {@link decodeCursor}.
 */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/**
 * The position a cursor names, when it has the shape `isValid` accepts;
 * otherwise the error `refuse` gives is thrown (by default 400
 * `cursor.invalid` on the `cursor` field). Garbage, tampered and foreign
 * cursors are refused alike: the caller's SQL only ever sees a valid position.
 */
export function decodeCursor<T extends CursorPosition>(
  cursor: string,
  isValid: (value: Record<string, unknown>) => value is T,
  refuse: () => Error = invalidCursor,
): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw refuse();
  if (!isValid(value as Record<string, unknown>)) throw refuse();
  return value as T;
}

/** The answer to a cursor no list gave out. */
export function invalidCursor(): DomainError {
  return DomainError.invalid('cursor.invalid', 'The cursor is not one this list gave out.', [
    fieldProblem('cursor', 'must be a nextCursor value returned by the same list'),
  ]);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value is a uuid, as the id ending most keyset positions must be. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && uuidPattern.test(value);
}
