import { type ClaimDetailView, ratingNames, ratings, type TransitionCapability } from '@claimdesk/reviews';
import { type ClaimFormState, transitionFields } from '../claim-page.forms';
import type { FormErrors } from '../forms';

/** The form of one move open to the viewer: its button, its fields, and the version it is made from. */
export function toTransitionForm(
  claim: ClaimDetailView,
  move: TransitionCapability,
  values: ClaimFormState['values'],
  errors: FormErrors,
) {
  const { to } = move;
  const split = move.name === 'publish_split';
  const correction = move.correction;
  // Triage is a decision, not a statement: its form is the button alone.
  const fields =
    move.name === 'triage' ? {} : transitionFields(to, split ? 'split' : correction ? 'correction' : 'first');
  const text = (name: string) => (typeof values[name] === 'string' ? values[name] : '');
  const inputs = Object.entries(fields).map(([name, field]) => {
    const common = { id: field.id, name, value: text(name), error: errors.byField[name] };
    switch (name) {
      case 'summary':
        return {
          ...common,
          kind: 'textarea',
          title: 'Summary',
          hint: 'The public summary of the review: what the claim says and what the evidence shows.',
          rows: 5,
          optional: false,
        };
      case 'rating':
        return {
          ...common,
          kind: 'select',
          title: 'Rating',
          hint: split
            ? 'The verdicts are split: choose the rating to publish.'
            : 'Leave it to publish the rating the verdicts agree on.',
          blank: split ? 'Choose a rating' : 'The rating the verdicts agree on',
          options: ratings.map((rating) => ({ value: rating, label: ratingNames[rating] })),
          optional: !split,
        };
      case 'duplicateOf':
        return {
          ...common,
          kind: 'input',
          title: 'Duplicate of',
          hint: 'When this claim repeats another: that claim’s id.',
          optional: true,
        };
      default:
        return {
          ...common,
          kind: 'textarea',
          title: move.reasonLabel,
          hint: split
            ? 'Recorded in the history with the split verdicts.'
            : correction
              ? 'Shown to readers with the corrected review: what changed and why.'
              : 'Recorded in the history.',
          rows: split ? 3 : 2,
          optional: !correction && !split,
        };
    }
  });
  return {
    to,
    action: `/claims/${claim.id}/transitions`,
    version: claim.version,
    button: move.label,
    danger: to === 'rejected',
    publish: split ? 'split' : null,
    inputs,
    headingId: `transition-${to}-heading`,
  };
}

/** The form assigning a reviewer by email. */
export function toAssignForm(claimId: string, values: ClaimFormState['values'], errors: FormErrors) {
  return {
    action: `/claims/${claimId}/assignments`,
    value: values.reviewerEmail ?? '',
    error: errors.byField.reviewerEmail,
  };
}
