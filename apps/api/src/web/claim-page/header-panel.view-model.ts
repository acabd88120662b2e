import type { ClaimDetailView } from '@claimdesk/reviews';
import type { ClaimFormState } from '../claim-page.forms';
import type { FormErrors } from '../forms';
import { formText, statusName } from './claim-page.names';

/** The claim itself: what it says, who said it when, its status and who reviews it. */
export function toHeader(claim: ClaimDetailView) {
  return {
    id: claim.id,
    text: claim.text,
    headline: claim.headline,
    status: claim.status,
    statusText: statusName(claim.status),
    version: claim.version,
    claimant:
      claim.claimant === null
        ? null
        : claim.claimant.role === null
          ? claim.claimant.name
          : `${claim.claimant.name}, ${claim.claimant.role}`,
    claimDate: claim.claimDate,
    tags: claim.tags,
    assignees: claim.assignees.map((assignee) => assignee.name),
    submittedAt: claim.createdAt,
    duplicateOfHref: claim.duplicateOf === null ? null : `/claims/${claim.duplicateOf}`,
    disagreement: claim.disagreement,
  };
}

/** The edit form: the claim's fields, or what was typed when a post came back with errors. */
export function toEditForm(claim: ClaimDetailView, typed: ClaimFormState['values'] | undefined, errors: FormErrors) {
  const current = {
    text: claim.text,
    headline: claim.headline ?? '',
    claimantName: claim.claimant?.name ?? '',
    claimantRole: claim.claimant?.role ?? '',
    claimDate: claim.claimDate ?? '',
    tags: claim.tags.join(', '),
  };
  const values =
    typed === undefined
      ? current
      : Object.fromEntries(Object.keys(current).map((name) => [name, formText(typed[name])]));
  return {
    action: `/claims/${claim.id}/edit`,
    version: claim.version,
    values,
    errors: errors.byField,
    open: typed !== undefined,
    inReview: claim.status === 'in_review' || claim.status === 'awaiting_approval',
  };
}

/** The form recording another place the claim was made, open when it came back with errors. */
export function toAppearanceForm(claimId: string, form: ClaimFormState | undefined, errors: FormErrors) {
  const values = form?.form === 'appearance' ? form.values : {};
  return {
    action: `/claims/${claimId}/appearances/new`,
    url: formText(values.url),
    quote: formText(values.quote),
    errors: errors.byField,
    open: form?.form === 'appearance',
  };
}
