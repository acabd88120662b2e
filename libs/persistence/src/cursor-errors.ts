/**
 * The error codes keyset paging raises, as clients and tests read them in
 * `code`: each named once, so a thrower and a reader cannot drift apart.
 */
export const CursorErrors = {
  invalid: 'cursor.invalid',
} as const;

export type CursorErrorCode = (typeof CursorErrors)[keyof typeof CursorErrors];
