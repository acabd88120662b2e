/**
 * The error codes the accounts lib raises, as clients and tests read them in
 * `code`: each named once, so a thrower and a reader cannot drift apart.
 */
export const AccountErrors = {
  badCredentials: 'auth.bad_credentials',
  deactivated: 'auth.deactivated',
  tokenInvalid: 'token.invalid',
  userDeactivated: 'user.deactivated',
  emailTaken: 'user.email_taken',
  userInvalid: 'user.invalid',
  lastAdmin: 'user.last_admin',
  userNotFound: 'user.not_found',
} as const;

export type AccountErrorCode = (typeof AccountErrors)[keyof typeof AccountErrors];
