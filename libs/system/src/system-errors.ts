/**
 * The error codes the system lib raises, as clients and tests read them in
 * `code`: each named once, so a thrower and a reader cannot drift apart.
 */
export const SystemErrors = {
  pingNotFound: 'ping.not_found',
} as const;

export type SystemErrorCode = (typeof SystemErrors)[keyof typeof SystemErrors];
