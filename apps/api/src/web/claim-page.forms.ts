import type { ClaimStatus } from '@claimdesk/claims';
import { tagsOf } from './claims-pages.view-model';
import { type FormErrors, type FormFields, listField, textField } from './forms';

/** The forms of the claim page; one of them at a time comes back with errors. */
export type ClaimFormName =
  'evidence' | 'verdict' | 'transition' | 'assign' | 'verdict-request' | 'edit' | 'appearance';

/** What a failed post of one form shows again: its values and its errors. */
export interface ClaimFormState {
  form: ClaimFormName;
  /** For a transition form: the status it moves the claim to. */
  to?: string;
  values: Record<string, string | string[] | undefined>;
  errors: FormErrors;
}

/** Form fields as read from a post: the request input, and the values to show again. */
export interface ReadForm {
  input: Record<string, unknown>;
  values: Record<string, string | string[] | undefined>;
}

export const evidenceFields: FormFields = {
  url: { id: 'evidence-url', label: 'Source URL', missing: 'is needed: paste the address of the page' },
  // A radio group: the summary links to its first radio.
  stance: { id: 'evidence-stance', label: 'Stance', missing: 'is needed: choose supports, refutes or context' },
  excerpt: { id: 'evidence-excerpt', label: 'Excerpt' },
  note: { id: 'evidence-note', label: 'Note' },
};

export const verdictFields: FormFields = {
  rating: { id: 'verdict-rating', label: 'Rating', missing: 'is needed: choose one' },
  rationale: { id: 'verdict-rationale', label: 'Rationale', missing: 'is needed: say why, in a sentence or more' },
  evidenceIds: { id: 'verdict-evidence', label: 'Evidence cited' },
};

export const assignFields: FormFields = {
  reviewerEmail: {
    id: 'assign-reviewer-email',
    label: 'Reviewer’s email',
    missing: 'is needed: the email the reviewer logs in with',
  },
};

export const editFields: FormFields = {
  text: { id: 'edit-text', label: 'Claim', missing: 'is needed: the claim as it was said' },
  headline: { id: 'edit-headline', label: 'Fact-check headline' },
  'claimant.name': { id: 'edit-claimant-name', label: 'Speaker name', missing: 'is needed when a role is given' },
  'claimant.role': { id: 'edit-claimant-role', label: 'Speaker role' },
  claimDate: { id: 'edit-claim-date', label: 'Date of the claim' },
  tags: { id: 'edit-tags', label: 'Tags' },
};

export const appearanceFields: FormFields = {
  url: { id: 'appearance-url', label: 'Page where it was said', missing: 'is needed: the address of the page' },
  quote: { id: 'appearance-quote', label: 'Quote on that page' },
};

export const verdictRequestFields: FormFields = {
  reviewerEmail: {
    id: 'verdict-request-reviewer-email',
    label: 'Reviewer’s email',
    missing: 'is needed: the email of a reviewer who has not given a verdict on this version',
  },
};

/**
 * How a publishing form reads: a first publication, a correction (which asks
 * for its public note) or a publication over split verdicts (which asks for
 * the rationale of the rating chosen).
 */
export type PublishKind = 'first' | 'correction' | 'split';

/** The fields of the form moving the claim to `to`, in form order. */
export function transitionFields(to: string, publish: PublishKind): FormFields {
  const id = (field: string) => `transition-${to}-${field}`;
  switch (to) {
    case 'published':
      return {
        ...(publish === 'split' ? { rating: { id: id('rating'), label: 'Rating' } } : {}),
        summary: { id: id('summary'), label: 'Summary' },
        ...(publish === 'split' ? {} : { rating: { id: id('rating'), label: 'Rating' } }),
        ...(publish === 'first'
          ? {}
          : { reason: { id: id('reason'), label: publish === 'split' ? 'Why this rating' : 'Correction note' } }),
      };
    case 'rejected':
      return {
        reason: { id: id('reason'), label: 'Reason' },
        duplicateOf: { id: id('duplicateOf'), label: 'Duplicate of' },
      };
    default:
      return { reason: { id: id('reason'), label: 'Reason' } };
  }
}

/** The named text fields that were filled in, as input and as values to show again. */
function readText(body: unknown, names: readonly string[]): ReadForm {
  const values: Record<string, string | undefined> = {};
  for (const name of names) values[name] = textField(body, name);
  const input = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
  return { input, values };
}

export function readEvidence(body: unknown): ReadForm {
  return readText(body, ['url', 'stance', 'excerpt', 'note']);
}

export function readVerdict(body: unknown): ReadForm {
  const { input, values } = readText(body, ['rating', 'rationale']);
  const evidenceIds = listField(body, 'evidenceIds');
  return {
    input: evidenceIds.length > 0 ? { ...input, evidenceIds } : input,
    values: { ...values, evidenceIds },
  };
}

/**
 * The edit form: every field is sent, so an empty one clears what the claim
 * holds (the claim's text, which cannot be cleared, is then refused).
 */
export function readEdit(body: unknown): ReadForm & { version: number | undefined } {
  const { values } = readText(body, ['text', 'headline', 'claimantName', 'claimantRole', 'claimDate', 'tags']);
  const { claimantName: name, claimantRole: role } = values;
  const version = textField(body, 'version');
  return {
    input: {
      text: values.text ?? '',
      headline: values.headline ?? null,
      claimant:
        name === undefined && role === undefined ? null : { name: name ?? '', ...(role === undefined ? {} : { role }) },
      claimDate: values.claimDate ?? null,
      tags: tagsOf(textField(body, 'tags')),
    },
    values,
    version: version !== undefined && /^\d{1,9}$/.test(version) ? Number(version) : undefined,
  };
}

export function readAppearance(body: unknown): ReadForm {
  return readText(body, ['url', 'quote']);
}

/** The assignment form, and the form asking another reviewer to settle split verdicts: a reviewer's email. */
export function readAssignment(body: unknown): ReadForm {
  return readText(body, ['reviewerEmail']);
}

/**
 * A transition form: the target status, the claim version the form was made
 * from (undefined when missing or malformed) and the request fields.
 */
export function readTransition(
  body: unknown,
): ReadForm & { to: string | undefined; version: number | undefined; publish: PublishKind } {
  const version = textField(body, 'version');
  const to = textField(body, 'to');
  const read = readText(body, ['reason', 'duplicateOf', 'rating', 'summary']);
  return {
    ...read,
    input: { ...read.input, ...(to === undefined ? {} : { to }) },
    to,
    version: version !== undefined && /^\d{1,9}$/.test(version) ? Number(version) : undefined,
    // Only which labels the form's errors carry: the service decides what publishing needs.
    publish: textField(body, 'publish') === 'split' ? 'split' : 'correction',
  };
}

/** Whether `to` names a status (so that its form's ids may be built from it). */
export function isStatus(to: string | undefined, statuses: readonly ClaimStatus[]): to is ClaimStatus {
  return to !== undefined && (statuses as readonly string[]).includes(to);
}
