import type { ClaimStatus, QuoteCheckStatus } from './claim-status';

export interface ClaimantView {
  id: string;
  name: string;
  role: string | null;
}

export interface QuoteCheckView {
  status: QuoteCheckStatus;
  score: number | null;
  snapshotId: string | null;
  start: number | null;
  end: number | null;
  excerpt: string | null;
  diff: unknown;
  checkedAt: Date | null;
}

export interface AppearanceView {
  id: string;
  sourceId: string;
  url: string;
  quote: string | null;
  /** Null when no quote was cited. */
  quoteCheck: QuoteCheckView | null;
}

export interface SimilarClaimView {
  id: string;
  text: string;
  status: ClaimStatus;
  /** 1 for an exact match of the normalised text, else pg_trgm similarity (0..1). */
  score: number;
  match: 'exact' | 'near';
  claimant: string | null;
  createdAt: Date;
}

/** A claim as lists show it. */
export interface ClaimSummaryView {
  id: string;
  text: string;
  status: ClaimStatus;
  version: number;
  claimant: ClaimantView | null;
  claimDate: string | null;
  language: string;
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
  /** Relevance, when the list was a search. */
  score?: number;
}

/** A claim with everything known about it. */
export interface ClaimView extends Omit<ClaimSummaryView, 'score'> {
  checkWorthiness: number | null;
  appearances: AppearanceView[];
  /** Evidence, verdicts and the published review arrive with the review workflow. */
  evidence: never[];
  verdicts: never[];
  review: null;
  similar: SimilarClaimView[];
}

export interface ClaimSubmission {
  text: string;
  claimant?: { name: string; role?: string };
  /** ISO date, YYYY-MM-DD. */
  claimDate?: string;
  language?: string;
  tags?: string[];
  appearance?: { url?: string; sourceId?: string; quote?: string };
}

export interface ClaimFilters {
  status?: ClaimStatus;
  /** A claimant's id, or a name matched after normalisation. */
  claimant?: string;
  tag?: string;
  q?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface EventView {
  id: string;
  at: Date;
  actor: { id: string; name: string } | null;
  action: string;
  from: string | null;
  to: string | null;
  data: Record<string, unknown>;
}
