import { DomainError, fieldProblem } from '@claimdesk/errors';

/** A keyset position in a source's candidates, best first: score (descending), rank, id. */
export interface CandidatePosition {
  score: number;
  rank: number;
  id: string;
}

/** The largest PostgreSQL integer: a cursor past it would fail in the query rather than be refused. */
const maxRank = 2_147_483_647;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An opaque cursor: base64url JSON of the position, as the other lists give out. */
export function encodeCandidateCursor(position: CandidatePosition): string {
  return Buffer.from(JSON.stringify({ s: position.score, r: position.rank, i: position.id })).toString('base64url');
}

/** The position a cursor names; a cursor this list did not give out is refused (400 `cursor.invalid`). */
export function decodeCandidateCursor(cursor: string): CandidatePosition {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const { s, r, i } = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (
    typeof s !== 'number' ||
    !(s >= 0 && s <= 1) ||
    typeof r !== 'number' ||
    !Number.isInteger(r) ||
    r < 0 ||
    r > maxRank ||
    typeof i !== 'string' ||
    !uuidPattern.test(i)
  ) {
    throw DomainError.invalid('cursor.invalid', 'The cursor is not one this list gave out.', [
      fieldProblem('cursor', 'must be a nextCursor value returned by the same list'),
    ]);
  }
  return { score: s, rank: r, id: i };
}
