import { DomainError } from '@claimdesk/errors';

/** The claim version an If-Match names (`"3"`, `W/"3"`); `*` (or no header) matches any. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (match === null) {
    throw new DomainError('precondition_failed', 'claim.version_mismatch', 'If-Match names no version of the claim.');
  }
  return Number(match[1]);
}
