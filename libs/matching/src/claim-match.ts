import type { ClaimSummaryView } from '@claimdesk/claims';

/** Why a claim matched: the same text, a near copy of it, or a claim on the same subject. */
export type MatchReason = 'exact' | 'near_duplicate' | 'related';

/**
 * A difference in meaning between the text looked up and a matched claim that
 * word overlap hides: a number one states and the other does not ("600" vs
 * "6"), or a negation one carries and the other does not ("did" vs "did not").
 */
export interface MeaningConflict {
  kind: 'number' | 'negation';
  /** What the looked-up text says (the number, or the negation word), or null when it says nothing of the kind. */
  query: string | null;
  /** What the matched claim says. */
  claim: string | null;
}

/** A matched claim as lists show it: its summary, and the published rating when it was checked. */
export interface MatchedClaimView extends ClaimSummaryView {
  /** The published review's rating, or null while the claim is unpublished. */
  rating: string | null;
  /** The rating as readers see it ("Mostly false"), or null. */
  ratingName: string | null;
  publishedAt: Date | null;
}

/** One match, best first in a list. */
export interface ClaimMatch {
  claim: MatchedClaimView;
  /** 0..1: 1 for the same text; lowered when the meaning conflicts. */
  score: number;
  reason: MatchReason;
  conflicts: MeaningConflict[];
}
