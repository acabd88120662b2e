/**
 * The error codes Idempotency-Key handling raises, as clients and tests read them in
 * `code`: each named once, so a thrower and a reader cannot drift apart.
 */
export const IdempotencyErrors = {
  inProgress: 'idempotency.in_progress',
  keyReused: 'idempotency.key_reused',
} as const;

export type IdempotencyErrorCode = (typeof IdempotencyErrors)[keyof typeof IdempotencyErrors];
