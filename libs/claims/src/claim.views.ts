import type { Role } from '@claimdesk/accounts';
import type { QuoteCheckView } from '@claimdesk/checking';
import type { EventAction } from '@claimdesk/events';
import type { ClaimStatus } from './claim-status';

export interface ClaimantView {
  id: string;
  name: string;
  role: string | null;
}

/** A quote's check, kept by libs/checking. */
export type { QuoteCheckView };

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
  /**
   * 0..1: 1 for an exact match of the normalised text; for a near match the
   * pg_trgm similarity; for a related one the share of term weight the two
   * texts have in common. Lowered by each conflict of meaning.
   */
  score: number;
  /** exact: the same normalised text; near: nearly the same characters; related: the same subject in other words. */
  match: 'exact' | 'near' | 'related';
  /** The matching engine's reason (`near_duplicate` for near), when the engine ranked the list. */
  reason?: 'exact' | 'near_duplicate' | 'related';
  claimant: string | null;
  createdAt: Date;
  /** The published rating, when the claim was checked and published. */
  rating?: string | null;
  ratingName?: string | null;
  /** Numbers or negations the two texts state differently. */
  conflicts?: { kind: 'number' | 'negation'; query: string | null; claim: string | null }[];
}

/** A claim as lists show it. */
export interface ClaimSummaryView {
  id: string;
  text: string;
  /** The short title the fact-check is published under, when one was given. */
  headline: string | null;
  status: ClaimStatus;
  version: number;
  claimant: ClaimantView | null;
  claimDate: string | null;
  language: string;
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
  /** When the claim entered its current status. */
  statusChangedAt: Date;
  /** Relevance, when the list was a search ranked by it. */
  score?: number;
  /**
   * Lists only: how many verdicts the round on show has (the current version
   * while in review, else the last version that had verdicts). No ratings:
   * blind review holds.
   */
  verdictCount?: number;
  /** Lists only: the verdicts on the current version disagree (or the disagreement was flagged). */
  split?: boolean;
}

/** A source a reviewer attached, with the check of its excerpt. */
export interface EvidenceView {
  id: string;
  sourceId: string;
  url: string;
  stance: 'supports' | 'refutes' | 'context';
  excerpt: string | null;
  note: string | null;
  /** Null when no excerpt was given. */
  excerptCheck: QuoteCheckView | null;
  addedBy: { id: string; name: string } | null;
  createdAt: Date;
}

/** One reviewer's rating of a claim version. */
export interface VerdictView {
  id: string;
  reviewer: { id: string; name: string };
  rating: string;
  rationale: string;
  evidenceIds: string[];
  /** The claim version the verdict counts for. */
  claimVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The published review: its latest version, and the corrections that made it. */
export interface ReviewView {
  version: number;
  rating: string;
  summary: string;
  publishedAt: Date;
  publishedBy: { id: string; name: string } | null;
  /** When the latest version was published (the first publication's date stays in publishedAt). */
  modifiedAt: Date;
  corrections: { version: number; note: string; at: Date }[];
}

/**
 * A claim with what this lib knows of it: its fields, where it appeared and
 * the claims like it. The review workflow's evidence, verdicts and review are
 * added by the claim detail of `@claimdesk/reviews`.
 */
export interface ClaimView extends Omit<ClaimSummaryView, 'score' | 'verdictCount' | 'split' | 'statusChangedAt'> {
  checkWorthiness: number | null;
  /** Set when the claim was rejected as a duplicate. */
  duplicateOf: string | null;
  appearances: AppearanceView[];
  similar: SimilarClaimView[];
}

/** A claim as a published ClaimReview describes it: text, date, claimant and where it appeared. */
export interface ReviewedClaimView {
  id: string;
  text: string;
  headline: string | null;
  claimDate: string | null;
  claimantName: string | null;
  claimantRole: string | null;
  /** The URLs of its appearances, oldest first. */
  appearanceUrls: string[];
}

export interface ClaimSubmission {
  text: string;
  /** 1–300 characters after trimming; stored trimmed. */
  headline?: string;
  claimant?: { name: string; role?: string };
  /** ISO date, YYYY-MM-DD. */
  claimDate?: string;
  language?: string;
  tags?: string[];
  appearance?: AppearanceInput;
}

/**
 * An editor's change to a claim before publication: each field given replaces
 * the claim's (null clears an optional one); fields left out stay as they are.
 */
export interface ClaimEdit {
  text?: string;
  headline?: string | null;
  /** The speaker and the role they held when making the claim; null: no named claimant. */
  claimant?: { name: string; role?: string } | null;
  claimDate?: string | null;
  tags?: string[];
}

/** Where a claim was made: a page (by URL, or a source already registered) and the words as cited there. */
export interface AppearanceInput {
  url?: string;
  sourceId?: string;
  quote?: string;
}

export interface ClaimFilters {
  status?: ClaimStatus;
  /** A reviewer's user id: claims assigned to them. */
  assignee?: string;
  /** A claimant's id, or a name matched after normalisation. */
  claimant?: string;
  tag?: string;
  q?: string;
  /** Part of the claimant's name, in any case, with or without diacritics. */
  speaker?: string;
  /** Claims in review that wait for this reviewer's verdict: assigned to them or to nobody, none given on this version. */
  needsVerdictOf?: { userId: string; role: Role };
  /** true: only claims whose verdicts disagree; false: only the others. */
  split?: boolean;
  /** The order; search results are ranked by relevance unless a sort is given. */
  sort?: ClaimSort;
}

/** The orders of the claims list: newest or oldest first, or longest in their status first. */
export const claimSorts = ['newest', 'oldest', 'status_age'] as const;
export type ClaimSort = (typeof claimSorts)[number];

export interface EventView {
  id: string;
  at: Date;
  actor: { id: string; name: string } | null;
  action: EventAction;
  from: string | null;
  to: string | null;
  data: Record<string, unknown>;
}
