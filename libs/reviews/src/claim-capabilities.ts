import { hasRole, type Role } from '@claimdesk/accounts';
import { allowedMoves, type ClaimStatus, type Transition } from '@claimdesk/claims';

/** Why the caller may not give a verdict now. */
export type VerdictRefusal =
  /** Only reviewers (and those above them) give verdicts. */
  | 'not_a_reviewer'
  /** The claim is submitted: an editor has not moved it into review yet. */
  | 'not_in_review_yet'
  /** Verdicts must come from assigned reviewers (VERDICTS_REQUIRE_ASSIGNMENT), and the caller is not one. */
  | 'not_assigned'
  /** The claim has left review (awaiting approval, published or rejected). */
  | 'not_in_review';

/** Why the caller sees no verdict ratings now. */
export type RatingsHiddenReason =
  /** Blind review: a reviewer sees the round's ratings once they have given their own verdict in it. */
  | 'blind_review'
  /** Below reviewer, ratings show once the review is published. */
  | 'until_published';

/** A move the caller may make now, as a person would offer it. */
export interface TransitionCapability {
  to: ClaimStatus;
  name: Transition['name'];
  /** What the button for the move says. */
  label: string;
  /** The label of its reason field (the public correction note when `correction`). */
  reasonLabel: string;
  /** Publishing again after an earlier publication: the reason is the public correction note. */
  correction: boolean;
}

/** What the caller may do with a claim and see of it, decided once from the workflow's rules. */
export interface ClaimCapabilities {
  /** Whether the caller may give (or replace) a verdict now. */
  mayGiveVerdict: boolean;
  /** Why not, when not. */
  verdictRefusal: VerdictRefusal | null;
  /** Whether verdict ratings are kept from the caller (the verdicts shown are then none). */
  ratingsHidden: boolean;
  /** Why, when they are. */
  ratingsHiddenReason: RatingsHiddenReason | null;
  /** The moves open to the caller now, in the order of the status machine. */
  allowedTransitions: TransitionCapability[];
  /** Attaching evidence: a reviewer, while the claim is neither published nor rejected. */
  mayAddEvidence: boolean;
  /** Editing the claim: an editor, while the claim is neither published nor rejected. */
  mayEdit: boolean;
  /** Assigning reviewers: an editor. */
  mayAssign: boolean;
  /** Asking another reviewer to settle split verdicts: an editor, while they are split. */
  mayRequestVerdict: boolean;
}

/** What the capabilities are decided from: the claim's state and the caller's part in it. */
export interface ClaimFacts {
  status: ClaimStatus;
  /** The verdicts on the claim's current version are split (disagreement flagged, still in review). */
  split: boolean;
  /** A review was published before: publishing again is a correction. */
  published: boolean;
  /** The caller is assigned to the claim. */
  assigned: boolean;
  /** The caller has given a verdict in the round on show. */
  gaveVerdict: boolean;
}

/** The desk's settings the capabilities depend on. */
export interface CapabilityRules {
  verdictsRequireAssignment: boolean;
}

/** Whether the claim's verdicts are split: flagged on the current version, and the claim still in review. */
export function isSplit(claim: { status: ClaimStatus; version: number; disagreementVersion: number | null }): boolean {
  return claim.status === 'in_review' && claim.disagreementVersion === claim.version;
}

/**
 * Why ratings are kept from someone with `role`, or null when they may see
 * them: editors always may, everyone once published, a reviewer after giving
 * a verdict in the round on show.
 */
export function ratingsHiddenReason(role: Role, status: ClaimStatus, gaveVerdict: boolean): RatingsHiddenReason | null {
  if (hasRole(role, 'editor') || status === 'published') return null;
  if (!hasRole(role, 'reviewer')) return 'until_published';
  return gaveVerdict ? null : 'blind_review';
}

/** Why someone with `role` may not give a verdict on the claim now, or null when they may. */
export function verdictRefusal(role: Role, facts: ClaimFacts, rules: CapabilityRules): VerdictRefusal | null {
  if (!hasRole(role, 'reviewer')) return 'not_a_reviewer';
  if (facts.status === 'submitted') return 'not_in_review_yet';
  if (facts.status !== 'in_review') return 'not_in_review';
  return rules.verdictsRequireAssignment && !facts.assigned ? 'not_assigned' : null;
}

/** Everything the caller may do with the claim and see of it. */
export function claimCapabilities(
  viewer: { role: Role },
  facts: ClaimFacts,
  rules: CapabilityRules,
): ClaimCapabilities {
  const refusal = verdictRefusal(viewer.role, facts, rules);
  const hidden = ratingsHiddenReason(viewer.role, facts.status, facts.gaveVerdict);
  const open = facts.status !== 'published' && facts.status !== 'rejected';
  const isEditor = hasRole(viewer.role, 'editor');
  return {
    mayGiveVerdict: refusal === null,
    verdictRefusal: refusal,
    ratingsHidden: hidden !== null,
    ratingsHiddenReason: hidden,
    allowedTransitions: allowedMoves(facts.status, viewer.role, facts.split).map((move) => {
      const correction = move.name === 'publish' && facts.published;
      return {
        to: move.to,
        name: move.name,
        label: move.label,
        reasonLabel: correction ? 'Correction note' : move.reasonLabel,
        correction,
      };
    }),
    mayAddEvidence: open && hasRole(viewer.role, 'reviewer'),
    mayEdit: open && isEditor,
    mayAssign: isEditor,
    mayRequestVerdict: isEditor && facts.split,
  };
}
