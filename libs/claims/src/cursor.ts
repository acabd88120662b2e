import { DomainError, fieldProblem } from '@claimdesk/errors';

/** Opaque page cursors: base64url JSON of a keyset position, checked on the way back in. */
export function encodeCursor(position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor<T extends Record<string, string | number>>(
  cursor: string,
  isValid: (value: Record<string, unknown>) => value is T,
): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    !isValid(value as Record<string, unknown>)
  ) {
    throw DomainError.invalid('cursor.invalid', 'The cursor is not one this list gave out.', [
      fieldProblem('cursor', 'must be a nextCursor value returned by the same list'),
    ]);
  }
  return value as T;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && uuidPattern.test(value);
}
