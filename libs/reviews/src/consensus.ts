import type { Rating } from './rating';

/** How a round of verdicts is decided. */
export interface ConsensusRule {
  /** Agreeing verdicts needed (CONSENSUS_MIN_VERDICTS). */
  minVerdicts: number;
  /**
   * The round is split and an editor asked another reviewer to settle it:
   * the most common rating wins when it leads alone.
   */
  tiebreak: boolean;
}

export type ConsensusDecision =
  | { outcome: 'consensus'; rating: Rating; verdicts: number; split: boolean; ratings: Partial<Record<Rating, number>> }
  | { outcome: 'disagreement'; verdicts: number; ratings: Partial<Record<Rating, number>> }
  | { outcome: 'waiting'; verdicts: number };

/**
 * What one round's ratings decide. Verdicts agree when they all give one
 * rating and there are at least `minVerdicts` of them; any other rating makes
 * the round split, unless a tie-break was asked for and one rating leads the
 * others with at least `minVerdicts`.
 */
export function decideConsensus(given: readonly Rating[], rule: ConsensusRule): ConsensusDecision {
  const ratings = countRatings(given);
  const ranked = (Object.entries(ratings) as [Rating, number][]).sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  const verdicts = given.length;
  if (first === undefined) return { outcome: 'waiting', verdicts };
  if (second === undefined) {
    return first[1] >= rule.minVerdicts
      ? { outcome: 'consensus', rating: first[0], verdicts, split: false, ratings }
      : { outcome: 'waiting', verdicts };
  }
  if (rule.tiebreak && first[1] > second[1] && first[1] >= rule.minVerdicts) {
    return { outcome: 'consensus', rating: first[0], verdicts, split: true, ratings };
  }
  return { outcome: 'disagreement', verdicts, ratings };
}

/** How many verdicts give each rating. */
export function countRatings(given: readonly Rating[]): Partial<Record<Rating, number>> {
  const counts: Partial<Record<Rating, number>> = {};
  for (const rating of given) counts[rating] = (counts[rating] ?? 0) + 1;
  return counts;
}
