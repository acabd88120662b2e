/**
 * The error codes claim extraction raises, as clients and tests read them in
 * `code`: each named once, so a thrower and a reader cannot drift apart.
 */
export const ExtractionErrors = {
  candidateNotFound: 'candidate.not_found',
  failed: 'extraction.failed',
} as const;

export type ExtractionErrorCode = (typeof ExtractionErrors)[keyof typeof ExtractionErrors];
