/** The listed claim's columns, as SQL expressions a {@link ClaimTerm} may use. */
export interface ListedClaim {
  id: string;
  status: string;
  version: string;
  disagreementVersion: string;
}

/**
 * SQL about one listed claim, written by the lib that owns the tables it
 * reads: the claims list filters and annotates by them in its one query
 * without naming them. `bind` adds a parameter and returns its placeholder.
 */
export type ClaimTerm = (claim: ListedClaim, bind: (value: unknown) => string) => string;

/** What the review workflow adds to a list of claims (see ReviewsService.listClaims). */
export interface ClaimListTerms {
  /** Conditions every listed claim meets. */
  where: ClaimTerm[];
  /** An integer: the verdicts in the claim's round on show (see ClaimSummaryView.verdictCount). */
  verdictCount: ClaimTerm;
  /** A boolean: whether the verdicts on the claim's current version disagree. */
  split: ClaimTerm;
}
