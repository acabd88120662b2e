import { DomainError } from '@claimdesk/errors';

/**
 * The error codes the sources lib raises, as clients and tests read them in
 * `code`: each named once, so a thrower and a reader cannot drift apart.
 */
export const SourceErrors = {
  notFound: 'source.not_found',
  invalidUrl: 'source.invalid_url',
  snapshotNotFound: 'snapshot.not_found',
} as const;

export type SourceErrorCode = (typeof SourceErrors)[keyof typeof SourceErrors];

/** 404: no source has this id. */
export function sourceNotFound(id: string): DomainError {
  return DomainError.notFound(SourceErrors.notFound, `No source has the id ${id}.`);
}
