import { hasRole, type Role } from '@claimdesk/accounts';
import type { ClaimStatus } from './claim-status';

/**
 * Who may make a transition: a role (and those above it), or `system`, the
 * status-change job acting on consensus.
 */
export type TransitionActor = Role | 'system';

export interface Transition {
  readonly from: ClaimStatus;
  readonly to: ClaimStatus;
  /** The name PRODUCT.md gives the move, recorded in the event. */
  readonly name: 'triage' | 'reject' | 'consensus' | 'publish' | 'publish_split' | 'send_back' | 'reopen';
  readonly by: TransitionActor;
  /** Open only while the verdicts on the claim's current version are split (disagreement flagged). */
  readonly onlyWhenSplit?: true;
  /** What a person's button for the move says. */
  readonly label: string;
  /** The label of the move's reason field; several may sit side by side, so each names its move. */
  readonly reasonLabel: string;
}

/**
 * The status machine of PRODUCT.md, in one place:
 *
 * ```
 * submitted ──triage──▶ in_review ──consensus (job)──▶ awaiting_approval ──publish──▶ published
 *     │                    ▲   │                             │                          │
 *     └──reject──▶ rejected│   └──────── reject ─────────────┴─── send back ──▶ in_review ◀── reopen (correction)
 *                     └──reopen──▶ submitted
 * ```
 *
 * When the verdicts of a round are split, an editor may also publish straight
 * from `in_review` with a rating they choose and a rationale (`publish_split`).
 */
export const transitions: readonly Transition[] = [
  {
    from: 'submitted',
    to: 'in_review',
    name: 'triage',
    by: 'editor',
    label: 'Move to in review',
    reasonLabel: 'Reason',
  },
  {
    from: 'submitted',
    to: 'rejected',
    name: 'reject',
    by: 'editor',
    label: 'Reject',
    reasonLabel: 'Reason for rejecting',
  },
  {
    from: 'in_review',
    to: 'awaiting_approval',
    name: 'consensus',
    by: 'system',
    label: 'Move to awaiting approval',
    reasonLabel: 'Reason',
  },
  {
    from: 'in_review',
    to: 'rejected',
    name: 'reject',
    by: 'editor',
    label: 'Reject',
    reasonLabel: 'Reason for rejecting',
  },
  {
    from: 'in_review',
    to: 'published',
    name: 'publish_split',
    by: 'editor',
    onlyWhenSplit: true,
    label: 'Publish with this rating',
    reasonLabel: 'Why this rating',
  },
  {
    from: 'awaiting_approval',
    to: 'published',
    name: 'publish',
    by: 'editor',
    label: 'Publish',
    reasonLabel: 'Reason',
  },
  {
    from: 'awaiting_approval',
    to: 'in_review',
    name: 'send_back',
    by: 'editor',
    label: 'Send back to review',
    reasonLabel: 'Reason for sending it back',
  },
  {
    from: 'awaiting_approval',
    to: 'rejected',
    name: 'reject',
    by: 'editor',
    label: 'Reject',
    reasonLabel: 'Reason for rejecting',
  },
  {
    from: 'published',
    to: 'in_review',
    name: 'reopen',
    by: 'editor',
    label: 'Reopen for correction',
    reasonLabel: 'What needs correcting',
  },
  {
    from: 'rejected',
    to: 'submitted',
    name: 'reopen',
    by: 'editor',
    label: 'Reopen',
    reasonLabel: 'Reason for reopening',
  },
];

/** The transition from `from` to `to`, if the machine has one. */
export function findTransition(from: ClaimStatus, to: ClaimStatus): Transition | undefined {
  return transitions.find((transition) => transition.from === from && transition.to === to);
}

/**
 * The statuses a person with `role` may move a claim in `from` to (the job's
 * moves excluded); `split` opens the moves kept for split verdicts.
 */
export function allowedTargets(from: ClaimStatus, role: Role, split = false): ClaimStatus[] {
  return allowedMoves(from, role, split).map((transition) => transition.to);
}

/** The moves themselves (with their names and labels) behind {@link allowedTargets}, in the same order. */
export function allowedMoves(from: ClaimStatus, role: Role, split = false): Transition[] {
  return transitions.filter(
    (transition) =>
      transition.from === from &&
      transition.by !== 'system' &&
      hasRole(role, transition.by) &&
      (split || transition.onlyWhenSplit !== true),
  );
}
