import { decodeCursor, encodeCursor, isUuid } from '@claimdesk/persistence';

/** A keyset position in a source's candidates, best first: score (descending), rank, id. */
export interface CandidatePosition {
  score: number;
  rank: number;
  id: string;
}

/** A candidate position as its cursor holds it. */
type CandidateCursor = { s: number; r: number; i: string };

/** The largest PostgreSQL integer: a cursor past it would fail in the query rather than be refused. */
const maxRank = 2_147_483_647;

export function encodeCandidateCursor(position: CandidatePosition): string {
  return encodeCursor({ s: position.score, r: position.rank, i: position.id } satisfies CandidateCursor);
}

/** The position a cursor names; a cursor this list did not give out is refused (400 `cursor.invalid`). */
export function decodeCandidateCursor(cursor: string): CandidatePosition {
  const { s, r, i } = decodeCursor(cursor, isCandidateCursor);
  return { score: s, rank: r, id: i };
}

function isCandidateCursor(value: Record<string, unknown>): value is CandidateCursor {
  const { s, r } = value;
  return (
    typeof s === 'number' &&
    s >= 0 &&
    s <= 1 &&
    typeof r === 'number' &&
    Number.isInteger(r) &&
    r >= 0 &&
    r <= maxRank &&
    isUuid(value.i)
  );
}
