import { fieldProblem, type FieldProblem, predicateOf } from '@claimdesk/errors';
import { type ClaimStatus, claimStatuses, type ClaimSummaryView } from '@claimdesk/claims';
import { normalizeSourceUrl } from '@claimdesk/sources';
import { type FormErrors, type FormFields, formErrors, movedTo, textField } from './forms';

// ----- the queue -------------------------------------------------------------

/** The queue's query parameters, as the filter form and the paging links send them. */
const queueParams = [
  'q',
  'status',
  'assignee',
  'speaker',
  'claimant',
  'tag',
  'needsVerdict',
  'split',
  'sort',
  'cursor',
  'limit',
] as const;
export type QueueParams = Partial<Record<(typeof queueParams)[number], string>>;

/** Claims a queue page shows when the link does not say. */
export const queuePageSize = 25;

/** The table's dates on two lines: the day, then the time. */
const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

/** Longer claim texts are cut in the table; the claim page shows them whole. */
const maxQueueText = 280;

/** The queue's filter fields by query parameter; a bad cursor or limit is reported on the search field. */
export const queueFields: FormFields = {
  q: { id: 'q', label: 'Search' },
  status: { id: 'status', label: 'Status' },
  assignee: { id: 'assignee', label: 'Assigned to me' },
  speaker: { id: 'speaker', label: 'Speaker' },
  // An exact claimant (id or whole name) comes from links only: reported on the speaker field.
  claimant: { id: 'speaker', label: 'Claimant' },
  tag: { id: 'tag', label: 'Tag' },
  needsVerdict: { id: 'needsVerdict', label: 'Needs my verdict' },
  split: { id: 'split', label: 'Split verdicts' },
  sort: { id: 'sort', label: 'Sort' },
  cursor: { id: 'q', label: 'The page link' },
  limit: { id: 'q', label: 'The page size' },
};

/**
 * The queue parameters of a query string: known ones only (the filter form
 * also sends empty fields, which mean "any"), trimmed, without empty ones.
 */
export function queueParamsOf(query: unknown): QueueParams {
  const params: QueueParams = {};
  for (const name of queueParams) {
    const value = textField(query, name);
    if (value !== undefined) params[name] = value;
  }
  return params;
}

/** The link to a page of the queue with the same filters (and page size), from `cursor` or from the start. */
export function queuePageHref(params: QueueParams, cursor?: string): string {
  const search = new URLSearchParams();
  for (const name of queueParams) {
    const value = name === 'cursor' ? cursor : params[name];
    if (value !== undefined) search.set(name, value);
  }
  const query = search.toString();
  return query === '' ? '/claims' : `/claims?${query}`;
}

/** Whether the queue is narrowed by anything but paging and order. */
export function isFiltered(params: QueueParams): boolean {
  return (['q', 'status', 'assignee', 'speaker', 'claimant', 'tag', 'needsVerdict', 'split'] as const).some(
    (name) => params[name] !== undefined,
  );
}

export const sortOptions = [
  { value: 'newest', label: 'Newest first' },
  { value: 'oldest', label: 'Oldest first' },
  { value: 'status_age', label: 'Longest in their status' },
];

/** How the table is ordered, for its caption. */
export function orderLabel(params: QueueParams): string {
  if (params.sort === undefined) return params.q === undefined ? 'newest first' : 'best match first';
  return sortOptions.find((option) => option.value === params.sort)?.label.toLowerCase() ?? 'newest first';
}

/** The saved filters, one click each; "Needs my verdict" only for those who give verdicts. */
const savedFilters: { label: string; params: QueueParams; reviewersOnly: boolean }[] = [
  { label: 'Needs my verdict', params: { needsVerdict: 'me', sort: 'status_age' }, reviewersOnly: true },
  { label: 'Awaiting approval', params: { status: 'awaiting_approval', sort: 'status_age' }, reviewersOnly: false },
  { label: 'Split', params: { split: 'true', sort: 'status_age' }, reviewersOnly: false },
];

/** The saved filters' links, the one on show marked current. */
export function savedFilterLinks(params: QueueParams, mayGiveVerdicts: boolean) {
  return savedFilters
    .filter((saved) => mayGiveVerdicts || !saved.reviewersOnly)
    .map((saved) => {
      const href = queuePageHref(saved.params);
      const shown = queueParams
        .filter((name) => name !== 'cursor' && name !== 'limit')
        .every((name) => params[name] === saved.params[name]);
      return { label: saved.label, href, current: shown };
    });
}

export const statusOptions = claimStatuses.map((status) => ({ value: status, label: humanizeStatus(status) }));

export interface QueueRow {
  id: string;
  href: string;
  text: string;
  /** The full text, when `text` was cut. */
  fullText?: string;
  claimant: string | null;
  claimantRole: string | null;
  status: ClaimStatus;
  statusLabel: string;
  /** Each tag with the link to the queue of claims with it. */
  tags: { name: string; href: string }[];
  assignees: string[];
  /** Verdicts in the round on show (no ratings: blind review holds). */
  verdictCount: number;
  split: boolean;
  statusChangedAt: Date;
  statusSince: string;
  createdAt: Date;
  updatedAt: Date;
  updatedDay: string;
  updatedTime: string;
  /** Relevance, with two decimals, when the list was a search. */
  score?: string;
}

/** The rows of the queue table; `assignees` by claim id. */
export function queueRows(items: readonly ClaimSummaryView[], assignees: ReadonlyMap<string, { name: string }[]>) {
  return items.map((item): QueueRow => {
    const cut = item.text.length > maxQueueText;
    return {
      id: item.id,
      href: `/claims/${item.id}`,
      text: cut ? `${item.text.slice(0, maxQueueText - 1).trimEnd()}…` : item.text,
      ...(cut ? { fullText: item.text } : {}),
      claimant: item.claimant?.name ?? null,
      claimantRole: item.claimant?.role ?? null,
      status: item.status,
      statusLabel: humanizeStatus(item.status),
      tags: item.tags.map((tag) => ({ name: tag, href: queuePageHref({ tag }) })),
      assignees: (assignees.get(item.id) ?? []).map((assignee) => assignee.name),
      verdictCount: item.verdictCount ?? 0,
      split: item.split ?? false,
      statusChangedAt: item.statusChangedAt,
      statusSince: dayFormat.format(item.statusChangedAt),
      createdAt: item.createdAt,
      updatedAt: item.updatedAt,
      updatedDay: dayFormat.format(item.updatedAt),
      updatedTime: timeFormat.format(item.updatedAt),
      ...(item.score === undefined ? {} : { score: item.score.toFixed(2) }),
    };
  });
}

function humanizeStatus(status: ClaimStatus): string {
  const text = status.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ----- the submission form ---------------------------------------------------

/** What the submission form sends (and shows again after an error). */
export interface SubmissionValues {
  text?: string;
  claimantName?: string;
  claimantRole?: string;
  claimDate?: string;
  language?: string;
  tags?: string;
  url?: string;
  quote?: string;
}

const submissionNames = [
  'text',
  'claimantName',
  'claimantRole',
  'claimDate',
  'language',
  'tags',
  'url',
  'quote',
] as const satisfies readonly (keyof SubmissionValues)[];

/**
 * The submission form's fields by the `CreateClaimRequest` path they fill,
 * in form order. Each form field's element id and name are the same.
 */
export const submissionFields: FormFields = {
  text: { id: 'text', label: 'Claim', missing: 'is needed' },
  // Only ever missing when a role was given without it.
  'claimant.name': { id: 'claimantName', label: 'Speaker name', missing: 'is needed when a role is given' },
  'claimant.role': { id: 'claimantRole', label: 'Speaker role' },
  claimDate: { id: 'claimDate', label: 'Date of the claim' },
  language: { id: 'language', label: 'Language' },
  tags: { id: 'tags', label: 'Tags' },
  'appearance.url': { id: 'url', label: 'Source URL' },
  'appearance.quote': { id: 'quote', label: 'Quote' },
};

/** The submission form's values from a posted body: trimmed, empty ones left out. */
export function submissionValuesOf(body: unknown): SubmissionValues {
  const values: SubmissionValues = {};
  for (const name of submissionNames) {
    const value = textField(body, name);
    if (value !== undefined) values[name] = value;
  }
  return values;
}

/** Comma-separated tags as a list, without empty ones. */
export function tagsOf(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

/**
 * The `CreateClaimRequest` input the form's values make: optional parts left
 * out when empty. A speaker role without a name, or a quote without a source
 * URL, still makes the part, so validation asks for what is missing rather
 * than the form dropping what was typed.
 */
export function submissionInput(values: SubmissionValues): Record<string, unknown> {
  const tags = tagsOf(values.tags);
  return {
    text: values.text ?? '',
    ...(values.claimantName !== undefined || values.claimantRole !== undefined
      ? {
          claimant: {
            name: values.claimantName ?? '',
            ...(values.claimantRole === undefined ? {} : { role: values.claimantRole }),
          },
        }
      : {}),
    ...(values.claimDate === undefined ? {} : { claimDate: values.claimDate }),
    ...(values.language === undefined ? {} : { language: values.language }),
    ...(tags.length === 0 ? {} : { tags }),
    ...(values.url !== undefined || values.quote !== undefined
      ? {
          appearance: {
            ...(values.url === undefined ? {} : { url: values.url }),
            ...(values.quote === undefined ? {} : { quote: values.quote }),
          },
        }
      : {}),
  };
}

/**
 * Problems the service would find only after validation passed, found now so
 * that one post reports every problem: a source URL it cannot fetch (the same
 * check as the service's), a quote without a source.
 */
export function sourceProblems(values: SubmissionValues): FieldProblem[] {
  if (values.url === undefined) {
    return values.quote === undefined ? [] : [fieldProblem('appearance.url', 'is needed to check the quote')];
  }
  return normalizeSourceUrl(values.url) === null
    ? [fieldProblem('appearance.url', 'must be an http or https URL without credentials')]
    : [];
}

/**
 * Problems (from validation or from the service) as the form's error summary
 * and field messages, each on the field it is about: `tags[2]` on the tags
 * (naming the tag), `claimant` on the speaker name, `appearance` on the URL.
 * Messages about empty required fields say what is needed.
 */
export function submissionErrors(problems: readonly FieldProblem[], values: SubmissionValues): FormErrors {
  const tags = tagsOf(values.tags);
  const onFields = problems.map((problem): FieldProblem => {
    const tag = /^tags\[(\d+)\]$/.exec(problem.field);
    const name = tag === null ? undefined : tags[Number(tag[1])];
    const predicate = predicateOf(problem);
    if (name !== undefined && predicate !== undefined)
      return { field: 'tags', message: `The tag "${name}" ${predicate}` };
    if (problem.field === 'claimant') return movedTo(problem, 'claimant.name');
    if (problem.field === 'appearance' || problem.field === 'appearance.sourceId') {
      return movedTo(problem, 'appearance.url');
    }
    return problem;
  });
  const filledByField: Record<string, string | undefined> = { text: values.text, 'claimant.name': values.claimantName };
  return formErrors(
    onFields,
    submissionFields,
    (field) => !(field in filledByField) || filledByField[field] !== undefined,
  );
}

/** Field messages by element id, for the template (formErrors keys them by request path). */
export function errorsById(errors: FormErrors, fields: FormFields): Record<string, string> {
  const byId: Record<string, string> = {};
  for (const [name, message] of Object.entries(errors.byField)) {
    const id = fields[name]?.id;
    if (id !== undefined) byId[id] ??= message;
  }
  return byId;
}
