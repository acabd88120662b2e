import type { Principal } from '@claimdesk/accounts';
import type { EventView } from '@claimdesk/claims';
import type { Page } from '@claimdesk/persistence';
import type { ClaimCapabilities, ClaimDetailView } from '@claimdesk/reviews';
import type { ClaimFormState } from '../claim-page.forms';
import { confirmationOf, type FormErrors, noErrors } from '../forms';
import { type ChecksData, toChecks, toEvidenceForm } from './checks-panel.view-model';
import { shorten } from './claim-page.names';
import { toAppearanceForm, toEditForm, toHeader } from './header-panel.view-model';
import { toHistory } from './history-panel.view-model';
import { toAssignForm, toTransitionForm } from './moves-panel.view-model';
import { toReview } from './review-panel.view-model';
import { toSimilar } from './similar-panel.view-model';
import { toSplit, toVerdicts } from './verdicts-panel.view-model';

export interface ClaimPageData {
  claim: ClaimDetailView;
  /** What the viewer may do with the claim and see of it: the page offers exactly these. */
  capabilities: ClaimCapabilities;
  checks: ChecksData;
  events: Page<EventView>;
  /** The cursor the history was read from, when not the first page. */
  eventsCursor?: string;
}

/** What a post left to tell: a confirmation, or why it was refused. */
export interface ClaimPageOptions {
  /** The `done` query of the redirect after a successful post. */
  done?: unknown;
  form?: ClaimFormState;
  /** A refusal that is not about one field (409, 412), shown at the top. */
  problem?: { status: number; message: string };
}

/** Fixed confirmations, by the `done` key a successful post redirects with: the query is never echoed. */
export const confirmations: Record<string, string> = {
  verdict: 'Verdict recorded',
  appearance: 'Your source was added to this claim as another appearance',
  evidence: 'Evidence added',
  'evidence-fetching': 'Evidence added; its source is being fetched',
  assigned: 'Reviewer assigned',
  'already-assigned': 'That reviewer was already assigned',
  'verdict-requested': 'Reviewer asked: their verdict will settle the split',
  edited: 'Claim edited: verdicts given before the edit no longer count',
  unchanged: 'Nothing was changed',
  'appearance-added': 'Appearance added; its quote is checked against the source',
  'moved-in_review': 'The claim is now in review',
  'moved-published': 'Review published',
  'moved-rejected': 'Claim rejected',
  'moved-submitted': 'Claim reopened: it is submitted again',
};

/** The message of a stale form (412). */
export const staleMessage =
  'Someone changed this claim while you were looking at it; here is the current version. Check it, then send your change again.';

/**
 * The claim page, ready for the template, panel by panel: every piece of text
 * is plain and gets escaped there; highlighted passages and differences come
 * as segments. What the viewer may do comes from the claim's capabilities.
 */
export function toClaimPage(data: ClaimPageData, viewer: Principal, options: ClaimPageOptions = {}) {
  const { claim, capabilities } = data;
  const form = options.form;
  const errorsOf = (name: ClaimFormState['form'], to?: string): FormErrors =>
    form?.form === name && (to === undefined || form.to === to) ? form.errors : noErrors;
  const valuesOf = (name: ClaimFormState['form'], to?: string): ClaimFormState['values'] =>
    form?.form === name && (to === undefined || form.to === to) ? form.values : {};
  const done = confirmationOf(confirmations, options.done) ?? null;
  const errors = form?.errors ?? noErrors;
  return {
    title: `Claim: ${shorten(claim.text, 70)}`,
    hasErrors: errors.list.length > 0 || options.problem !== undefined,
    errors,
    done,
    problem: options.problem ?? null,
    claim: toHeader(claim),
    checks: toChecks(claim, data.checks),
    evidenceForm: capabilities.mayAddEvidence ? toEvidenceForm(valuesOf('evidence'), errorsOf('evidence')) : null,
    verdicts: toVerdicts(claim, capabilities, viewer, valuesOf('verdict'), errorsOf('verdict'), data.checks.sources),
    transitions: capabilities.allowedTransitions.map((move) =>
      toTransitionForm(claim, move, valuesOf('transition', move.to), errorsOf('transition', move.to)),
    ),
    assignForm: capabilities.mayAssign ? toAssignForm(claim.id, valuesOf('assign'), errorsOf('assign')) : null,
    editForm: capabilities.mayEdit
      ? toEditForm(claim, form?.form === 'edit' ? form.values : undefined, errorsOf('edit'))
      : null,
    appearanceForm: toAppearanceForm(claim.id, form, errorsOf('appearance')),
    split: capabilities.mayRequestVerdict
      ? toSplit(claim, valuesOf('verdict-request'), errorsOf('verdict-request'))
      : null,
    review: toReview(claim),
    history: toHistory(data.events, data.eventsCursor, claim.id),
    similar: claim.similar.map(toSimilar),
  };
}
