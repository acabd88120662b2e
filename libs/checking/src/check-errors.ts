/**
 * The error codes source checking raises, as clients and tests read them in
 * `code`: each named once, so a thrower and a reader cannot drift apart.
 */
export const CheckErrors = {
  fetchFailed: 'source.fetch_failed',
  appearanceNotFound: 'appearance.not_found',
  evidenceNotFound: 'evidence.not_found',
} as const;

export type CheckErrorCode = (typeof CheckErrors)[keyof typeof CheckErrors];
