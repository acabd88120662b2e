import { DomainError } from '@claimdesk/errors';

/**
 * The error codes the claims lib raises, as clients and tests read them in
 * `code`: each named once, so a thrower and a reader cannot drift apart.
 */
export const ClaimErrors = {
  invalid: 'claim.invalid',
  notFound: 'claim.not_found',
  notEditable: 'claim.not_editable',
  versionMismatch: 'claim.version_mismatch',
  illegalTransition: 'claim.illegal_transition',
  appearanceInvalid: 'appearance.invalid',
} as const;

export type ClaimErrorCode = (typeof ClaimErrors)[keyof typeof ClaimErrors];

/** 404: no claim has this id. */
export function claimNotFound(id: string): DomainError {
  return DomainError.notFound(ClaimErrors.notFound, `No claim has the id ${id}.`);
}

/** 412: the caller saw another version of the claim than the one it is at. */
export function claimVersionMismatch(claim: { version: number }, ifMatch: number): DomainError {
  return new DomainError(
    'precondition_failed',
    ClaimErrors.versionMismatch,
    `The claim is at version ${claim.version}, not ${ifMatch}: reload it and try again.`,
  );
}
