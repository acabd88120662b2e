import type { ClaimStatus, ClaimView } from '@claimdesk/claims';
import type { MatchReason } from '@claimdesk/matching';
import type { Page } from '@claimdesk/persistence';
import type { RuleFeatures, Speaker, StatementKind } from '../statement';

/**
 * Where extraction stands for a source's latest snapshot: `not_requested`
 * (extraction was never asked for), `pending` (asked for, waiting for the
 * snapshot or the job), `done` or `failed`.
 */
export type ExtractionStatus = 'not_requested' | 'pending' | 'done' | 'failed';

export interface ExtractionStateView {
  status: ExtractionStatus;
  /** The snapshot extracted, or being extracted; null before the source has one. */
  snapshotId: string | null;
  /** When the extraction finished (done or failed); null otherwise. */
  at: Date | null;
}

/** An existing claim a candidate matches, with its published rating when it was checked. */
export interface CandidateMatchView {
  claim: { id: string; text: string; status: ClaimStatus; rating: string | null; ratingName: string | null };
  /** 0..1. */
  score: number;
  reason: MatchReason;
}

/** A candidate claim as the API lists it. */
export interface CandidateView {
  id: string;
  /** The statement: the sentence, or for a quote the quoted words without their marks. */
  text: string;
  kind: StatementKind;
  /** Whether the text is a direct quote. */
  quote: boolean;
  /** Null when extraction named no speaker. */
  speaker: Speaker | null;
  /** UTF-16 offsets of `text` in the snapshot's text, `end` exclusive. */
  start: number;
  end: number;
  /** The sentence the statement sits in, with its offsets. */
  sentence: { start: number; end: number; text: string };
  snapshotId: string;
  /** Check-worthiness, 0..1. */
  score: number;
  features: RuleFeatures;
  /** Existing claims saying the same or a similar thing, best first (at most 3, each scoring 0.5 or more). */
  matches: CandidateMatchView[];
  /** The claim it was promoted to, if it was. */
  promotedClaimId: string | null;
  createdAt: Date;
}

/** A page of a source's candidates, with where extraction of the source stands. */
export interface CandidatePage extends Page<CandidateView> {
  extraction: ExtractionStateView;
}

/** A promotion: the claim it created, or the claim an earlier promotion of the candidate created. */
export type PromotionResult = { created: true; claim: ClaimView } | { created: false; claimId: string };

/** What a `source.extract` job did. */
export type ExtractionOutcome =
  | { outcome: 'extracted'; snapshotId: string; candidates: number; replaced: number }
  | { outcome: 'already_done'; snapshotId: string }
  /** A newer snapshot arrived while this one was extracted: its own job extracts it. */
  | { outcome: 'superseded'; snapshotId: string }
  | { outcome: 'no_snapshot' };
