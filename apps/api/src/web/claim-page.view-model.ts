import { createHash } from 'node:crypto';
import { hasRole, type Principal } from '@claimdesk/accounts';
import type {
  AppearanceView,
  ClaimStatus,
  EventView,
  EvidenceView,
  QuoteCheckStatus,
  QuoteCheckView,
  VerdictView,
} from '@claimdesk/claims';
import type { Page } from '@claimdesk/persistence';
import { type ClaimDetailView, type Rating, ratingNames, ratings } from '@claimdesk/reviews';
import type { FetchStatus } from '@claimdesk/sources';
import { type ClaimFormState, transitionFields } from './claim-page.forms';
import { confirmationOf, type FormErrors, noErrors } from './forms';

/** How many events the history shows at a time. */
export const historyPageSize = 100;

/** What the page knows of a cited source beyond its URL. */
export interface CitedSource {
  title: string | null;
  fetchStatus: FetchStatus;
  /** The last failed attempt's code and words, if any. */
  error: string | null;
  errorDetail: string | null;
  fetchAttempts: number;
}

/** A BullMQ job as the page reports it. */
export interface JobState {
  /** BullMQ's state: waiting, active, delayed, completed, failed, … */
  state: string;
  /** 0–100, when the handler reported any. */
  progress: number | null;
  attemptsMade: number;
  attempts: number;
  failedReason: string | null;
}

/** Which job a pending check waits on: the source's fetch, or the check itself. */
export type PendingPhase = 'fetch' | 'check';

/** The snapshot text around a match: the match is shown marked, with some of its context. */
export interface Passage {
  before: string;
  match: string;
  after: string;
  clippedBefore: boolean;
  clippedAfter: boolean;
}

/** What the page adds to one appearance or piece of evidence: its passage in context, and its job while pending. */
export interface CheckExtras {
  passage: Passage | null;
  /** Set while pending: the job looked up, and its state (null when it is not in the queue, or not yet). */
  job: { phase: PendingPhase; state: JobState | null } | null;
}

/** Everything the live part of the page (sources and checks) needs besides the claim. */
export interface ChecksData {
  sources: Record<string, CitedSource>;
  appearances: Record<string, CheckExtras>;
  evidence: Record<string, CheckExtras>;
}

export interface ClaimPageData {
  claim: ClaimDetailView;
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

const checkStatusNames: Record<QuoteCheckStatus, string> = {
  pending: 'Checking',
  found: 'Found',
  approximate: 'Approximate match',
  not_found: 'Not found',
  source_unavailable: 'Source unavailable',
};

const checkStatusHints: Record<QuoteCheckStatus, string> = {
  pending: 'The check has not finished yet.',
  found: 'The source says this, word for word.',
  approximate: 'The source says something close to this; the differences are shown below.',
  not_found: 'Nothing in the source comes close to this.',
  source_unavailable: 'The source could not be fetched, so this could not be checked.',
};

const fetchStatusNames: Record<FetchStatus, string> = {
  pending: 'Not fetched yet',
  fetched: 'Fetched',
  changed: 'Changed since first fetched',
  failed: 'Could not be fetched',
};

const stanceNames: Record<EvidenceView['stance'], string> = {
  supports: 'Supports the claim',
  refutes: 'Refutes the claim',
  context: 'Gives context',
};

const stanceHints: Record<EvidenceView['stance'], string> = {
  supports: 'The source shows the claim is right.',
  refutes: 'The source shows the claim is wrong.',
  context: 'The source helps to understand the claim without settling it.',
};

/** The button of each move a person can make, by from → to. */
const transitionButtons: Record<string, string> = {
  'submitted>in_review': 'Move to in review',
  'submitted>rejected': 'Reject',
  'in_review>rejected': 'Reject',
  'in_review>published': 'Publish with this rating',
  'awaiting_approval>published': 'Publish',
  'awaiting_approval>in_review': 'Send back to review',
  'awaiting_approval>rejected': 'Reject',
  'published>in_review': 'Reopen for correction',
  'rejected>submitted': 'Reopen',
};

/** The label of each move's reason field: several may sit side by side, so each names its move. */
const reasonLabels: Record<string, string> = {
  'submitted>rejected': 'Reason for rejecting',
  'in_review>rejected': 'Reason for rejecting',
  'awaiting_approval>rejected': 'Reason for rejecting',
  'awaiting_approval>in_review': 'Reason for sending it back',
  'published>in_review': 'What needs correcting',
  'rejected>submitted': 'Reason for reopening',
};

/** `in_review` → `In review`. */
export function statusName(status: string): string {
  const text = status.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function ratingName(rating: string): string {
  return ratingNames[rating as Rating] ?? statusName(rating);
}

/**
 * The claim page, ready for the template: every piece of text is plain and
 * gets escaped there; highlighted passages and differences come as segments.
 */
export function toClaimPage(data: ClaimPageData, viewer: Principal, options: ClaimPageOptions = {}) {
  const { claim } = data;
  const form = options.form;
  const errorsOf = (name: ClaimFormState['form'], to?: string): FormErrors =>
    form?.form === name && (to === undefined || form.to === to) ? form.errors : noErrors;
  const valuesOf = (name: ClaimFormState['form'], to?: string): ClaimFormState['values'] =>
    form?.form === name && (to === undefined || form.to === to) ? form.values : {};
  const done = confirmationOf(confirmations, options.done) ?? null;
  const isReviewer = hasRole(viewer.role, 'reviewer');
  const isEditor = hasRole(viewer.role, 'editor');
  const errors = form?.errors ?? noErrors;
  return {
    title: `Claim: ${shorten(claim.text, 70)}`,
    hasErrors: errors.list.length > 0 || options.problem !== undefined,
    errors,
    done,
    problem: options.problem ?? null,
    claim: toHeader(claim),
    checks: toChecks(claim, data.checks),
    evidenceForm:
      isReviewer && claim.status !== 'published' && claim.status !== 'rejected'
        ? toEvidenceForm(valuesOf('evidence'), errorsOf('evidence'))
        : null,
    verdicts: toVerdicts(claim, viewer, valuesOf('verdict'), errorsOf('verdict'), data.checks.sources),
    transitions: claim.allowedTransitions.map((to) =>
      toTransitionForm(claim, to, valuesOf('transition', to), errorsOf('transition', to)),
    ),
    assignForm: isEditor
      ? {
          action: `/claims/${claim.id}/assignments`,
          value: valuesOf('assign').reviewerEmail ?? '',
          error: errorsOf('assign').byField.reviewerEmail,
        }
      : null,
    editForm:
      isEditor && claim.status !== 'published' && claim.status !== 'rejected'
        ? toEditForm(claim, form?.form === 'edit' ? form.values : undefined, errorsOf('edit'))
        : null,
    appearanceForm: {
      action: `/claims/${claim.id}/appearances/new`,
      url: text(valuesOf('appearance').url),
      quote: text(valuesOf('appearance').quote),
      errors: errorsOf('appearance').byField,
      open: form?.form === 'appearance',
    },
    split:
      isEditor && claim.disagreement ? toSplit(claim, valuesOf('verdict-request'), errorsOf('verdict-request')) : null,
    review: toReview(claim),
    history: toHistory(data, claim.id),
    similar: claim.similar.map(toSimilar),
  };
}

/** A related claim as the page lists it: what it says, how it matched, and its verdict once published. */
export function toSimilar(similar: ClaimDetailView['similar'][number]) {
  const percent = `${Math.round(similar.score * 100)}%`;
  return {
    href: `/claims/${similar.id}`,
    text: similar.text,
    status: similar.status,
    statusText: statusName(similar.status),
    match:
      similar.match === 'exact'
        ? 'Same wording'
        : similar.match === 'near'
          ? `Near duplicate (${percent})`
          : `Related (${percent})`,
    claimant: similar.claimant,
    rating: similar.rating ?? null,
    ratingName: similar.ratingName ?? null,
    conflicts: (similar.conflicts ?? []).map((conflict) =>
      conflict.kind === 'number'
        ? `Numbers differ: this claim says ${conflict.query ?? 'none'}, that one ${conflict.claim ?? 'none'}.`
        : conflict.query === null
          ? `That claim says “${conflict.claim ?? ''}”; this one does not.`
          : `This claim says “${conflict.query}”; that one does not.`,
    ),
  };
}

/** The edit form: the claim's fields, or what was typed when a post came back with errors. */
function toEditForm(claim: ClaimDetailView, typed: ClaimFormState['values'] | undefined, errors: FormErrors) {
  const current = {
    text: claim.text,
    headline: claim.headline ?? '',
    claimantName: claim.claimant?.name ?? '',
    claimantRole: claim.claimant?.role ?? '',
    claimDate: claim.claimDate ?? '',
    tags: claim.tags.join(', '),
  };
  const values =
    typed === undefined ? current : Object.fromEntries(Object.keys(current).map((name) => [name, text(typed[name])]));
  return {
    action: `/claims/${claim.id}/edit`,
    version: claim.version,
    values,
    errors: errors.byField,
    open: typed !== undefined,
    inReview: claim.status === 'in_review' || claim.status === 'awaiting_approval',
  };
}

/** A posted value to show again: a single string, else empty. */
function text(value: string | string[] | undefined): string {
  return typeof value === 'string' ? value : '';
}

/** What an editor may do about split verdicts: the leading ratings, and the form asking another reviewer. */
function toSplit(claim: ClaimDetailView, values: ClaimFormState['values'], errors: FormErrors) {
  const counts = new Map<string, number>();
  for (const verdict of claim.verdicts) counts.set(verdict.rating, (counts.get(verdict.rating) ?? 0) + 1);
  return {
    ratings: [...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([rating, count]) => `${ratingName(rating)}: ${count}`)
      .join(', '),
    tiebreakRequested: claim.tiebreakRequested,
    form: {
      action: `/claims/${claim.id}/verdict-requests`,
      value: typeof values.reviewerEmail === 'string' ? values.reviewerEmail : '',
      error: errors.byField.reviewerEmail,
    },
  };
}

function toHeader(claim: ClaimDetailView) {
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

/**
 * The live part of the page: appearances and evidence with their checks.
 * While anything is pending it carries the URL htmx polls, with a key of the
 * state shown so that an unchanged state costs no swap.
 */
export function toChecks(claim: ClaimDetailView, data: ChecksData) {
  const appearances = claim.appearances.map((appearance) =>
    toCheckedItem('appearance', appearance, appearance.quote, appearance.quoteCheck, data),
  );
  const evidence = claim.evidence.map((item) => ({
    ...toCheckedItem('evidence', item, item.excerpt, item.excerptCheck, data),
    stance: item.stance,
    stanceText: stanceNames[item.stance],
    note: item.note,
    addedBy: item.addedBy?.name ?? null,
    addedAt: item.createdAt,
  }));
  const items = [...appearances, ...evidence];
  const pending = items.some((item) => item.progress !== null);
  const stateKey = createHash('sha256').update(JSON.stringify({ appearances, evidence })).digest('hex').slice(0, 16);
  return {
    claimId: claim.id,
    pending,
    stateKey,
    pollUrl: pending ? `/claims/${claim.id}/checks?seen=${stateKey}` : null,
    appearances,
    evidence,
    liveMessage: liveMessage(items),
  };
}

type CheckedItem = ReturnType<typeof toCheckedItem>;

function toCheckedItem(
  kind: 'appearance' | 'evidence',
  item: AppearanceView | EvidenceView,
  cited: string | null,
  check: QuoteCheckView | null,
  data: ChecksData,
) {
  const source = data.sources[item.sourceId];
  const extras = (kind === 'appearance' ? data.appearances : data.evidence)[item.id];
  const citedWord = kind === 'appearance' ? 'quote' : 'excerpt';
  return {
    kind,
    id: item.id,
    anchor: `${kind}-${item.id}`,
    sourceHref: `/sources/${item.sourceId}`,
    sourceName: source?.title ?? item.url,
    url: item.url,
    showUrl: source?.title !== null && source?.title !== undefined,
    fetchStatus: source?.fetchStatus ?? null,
    fetchText: source === undefined ? null : fetchText(source),
    citedWord,
    cited,
    check: check === null ? null : toCheck(check, extras?.passage ?? null),
    progress:
      extras?.job === null || extras?.job === undefined
        ? null
        : toProgress(extras.job.phase, extras.job.state, source, citedWord, item.id),
  };
}

function fetchText(source: CitedSource): string {
  const name = fetchStatusNames[source.fetchStatus];
  return source.fetchStatus === 'failed' && source.errorDetail !== null ? `${name}: ${source.errorDetail}` : name;
}

function toCheck(check: QuoteCheckView, passage: Passage | null) {
  const shown =
    check.excerpt === null || (check.status !== 'found' && check.status !== 'approximate')
      ? null
      : toRuns(passage ?? { before: '', match: check.excerpt, after: '', clippedBefore: false, clippedAfter: false });
  const diff = check.status === 'approximate' ? diffParts(check.diff) : null;
  return {
    status: check.status,
    statusText: checkStatusNames[check.status],
    hint: checkStatusHints[check.status],
    score: check.score === null || check.status === 'pending' ? null : `${Math.round(check.score * 100)}%`,
    passage: shown,
    diff: diff !== null && diff.some((part) => part.op !== 'equal') ? diff : null,
    checkedAt: check.checkedAt,
  };
}

/** One run of a passage: its text, whether it is the match, and the line break before it. */
export interface PassageRun {
  text: string;
  marked: boolean;
  lineBreak: boolean;
  paragraphBreak: boolean;
}

/**
 * A passage as runs of text with the line breaks between them as flags: the
 * template turns them into `<br>`, so no newline reaches the page (where a
 * partial's indentation would be added after each one).
 */
export function toRuns(passage: Passage): { runs: PassageRun[]; clippedBefore: boolean; clippedAfter: boolean } {
  const runs: PassageRun[] = [];
  let breaks = 0;
  const add = (text: string, marked: boolean) => {
    for (const piece of text.split(/([^\S\n]*\n\s*)/)) {
      if (piece.includes('\n')) {
        breaks = Math.max(breaks, (piece.match(/\n/g) ?? []).length);
      } else if (piece !== '') {
        runs.push({ text: piece, marked, lineBreak: breaks === 1, paragraphBreak: breaks > 1 });
        breaks = 0;
      }
    }
  };
  add(passage.before, false);
  add(passage.match, true);
  add(passage.after, false);
  return { runs, clippedBefore: passage.clippedBefore, clippedAfter: passage.clippedAfter };
}

/** The word difference a check recorded, when it has the shape quote checking writes; null otherwise. */
export function diffParts(diff: unknown): { op: 'equal' | 'removed' | 'added'; text: string }[] | null {
  if (!Array.isArray(diff)) return null;
  const parts = diff.filter(
    (part): part is { op: 'equal' | 'removed' | 'added'; text: string } =>
      typeof part === 'object' &&
      part !== null &&
      ['equal', 'removed', 'added'].includes((part as { op?: unknown }).op as string) &&
      typeof (part as { text?: unknown }).text === 'string',
  );
  return parts.length === diff.length && parts.length > 0
    ? parts.map((part) => ({ op: part.op, text: part.text }))
    : null;
}

/** What a pending check is waiting for, in words, with the job's percentage when it reported one. */
export function toProgress(
  phase: PendingPhase,
  job: JobState | null,
  source: CitedSource | undefined,
  citedWord: 'quote' | 'excerpt',
  id: string,
) {
  const next = `checking the ${citedWord}`;
  let text: string;
  let percent: number | null = null;
  const state = job?.state ?? 'queued';
  if (phase === 'fetch') {
    switch (state) {
      case 'active':
        text = 'Fetching the source…';
        percent = job?.progress ?? null;
        break;
      case 'delayed':
        text =
          (job?.attemptsMade ?? 0) > 0
            ? `Fetch attempt ${job!.attemptsMade} of ${job!.attempts} failed; trying again shortly`
            : 'Queued: the source is fetched shortly';
        break;
      case 'completed':
        text = `Source fetched; ${next}…`;
        percent = 100;
        break;
      case 'failed':
        text = 'The source could not be fetched';
        break;
      default:
        text = 'Queued: waiting for a worker to fetch the source';
    }
  } else {
    text =
      state === 'active' || state === 'completed'
        ? `Checking the ${citedWord} against the source…`
        : `Queued: ${next} against the source`;
  }
  const lastFailure =
    phase === 'fetch' && source !== undefined && source.fetchAttempts > 0 && source.errorDetail !== null
      ? `Last attempt: ${source.errorDetail}`
      : null;
  return {
    id: `progress-${id}`,
    text,
    state: job === null ? 'not queued yet' : job.state,
    // Not `percent`: a helper of that name would shadow it in the template.
    percentDone: percent !== null && percent > 0 ? Math.min(100, Math.round(percent)) : null,
    detail: lastFailure,
  };
}

/** A short sentence for screen readers each time the live part changes. */
function liveMessage(items: readonly CheckedItem[]): string {
  const pending = items.filter((item) => item.progress !== null);
  if (pending.length > 0) {
    const first = pending[0]!.progress!.text;
    return pending.length === 1 ? first : `${pending.length} sources or checks still running. ${first}`;
  }
  const results = items
    .filter((item) => item.check !== null)
    .map(
      (item) => `${item.kind === 'appearance' ? 'quote' : 'evidence excerpt'}: ${item.check!.statusText.toLowerCase()}`,
    );
  return results.length === 0 ? 'All sources are fetched.' : `All checks are done. ${results.join('; ')}.`;
}

/**
 * The text around a match, `context` characters either side at most, cut at
 * a space so that no word is shown in part. Offsets are UTF-16 indices, as
 * quote checking records them.
 */
export function passageAround(text: string, start: number, end: number, context = 240): Passage | null {
  if (!(start >= 0 && end > start && end <= text.length)) return null;
  let from = Math.max(0, start - context);
  let to = Math.min(text.length, end + context);
  if (from > 0) {
    const space = text.slice(from, start).search(/\s/);
    from = space < 0 ? start : from + space + 1;
  }
  if (to < text.length) {
    const space = text.slice(end, to).search(/\s\S*$/);
    to = space < 0 ? end : end + space;
  }
  return {
    before: text.slice(from, start).replace(/^\s+/, ''),
    match: text.slice(start, end),
    after: text.slice(end, to).replace(/\s+$/, ''),
    clippedBefore: from > 0,
    clippedAfter: to < text.length,
  };
}

function toEvidenceForm(values: ClaimFormState['values'], errors: FormErrors) {
  const stance = typeof values.stance === 'string' ? values.stance : undefined;
  return {
    values,
    errors: errors.byField,
    stances: (['supports', 'refutes', 'context'] as const).map((value, index) => ({
      value,
      id: index === 0 ? 'evidence-stance' : `evidence-stance-${value}`,
      name: stanceNames[value],
      hint: stanceHints[value],
      checked: stance === value,
    })),
  };
}

function toVerdicts(
  claim: ClaimDetailView,
  viewer: Principal,
  values: ClaimFormState['values'],
  errors: FormErrors,
  sources: ChecksData['sources'],
) {
  const nameOf = (item: EvidenceView) => sources[item.sourceId]?.title ?? item.url;
  const evidenceName = new Map(claim.evidence.map((item) => [item.id, nameOf(item)]));
  const toVerdict = (verdict: VerdictView) => ({
    reviewer: verdict.reviewer.name,
    mine: verdict.reviewer.id === viewer.userId,
    rating: verdict.rating,
    ratingText: ratingName(verdict.rating),
    rationale: verdict.rationale,
    claimVersion: verdict.claimVersion,
    givenAt: verdict.updatedAt,
    cites: verdict.evidenceIds.map((id) => ({ href: `#evidence-${id}`, name: evidenceName.get(id) ?? id })),
  });
  const list = claim.verdicts.map(toVerdict);
  // The verdicts describe() returns are one round: the current version in review, or the last round that
  // had verdicts once the claim moved on (awaiting approval). Mine is in that round or nowhere.
  const mine = list.find((verdict) => verdict.mine) ?? null;
  const isReviewer = hasRole(viewer.role, 'reviewer');
  const blind = isReviewer && !hasRole(viewer.role, 'editor') && claim.status !== 'published' && mine === null;
  const mayGive = isReviewer && claim.status === 'in_review' && claim.mayGiveVerdict;
  const chosen = typeof values.rating === 'string' ? values.rating : mine?.rating;
  const cited = Array.isArray(values.evidenceIds)
    ? values.evidenceIds
    : (claim.verdicts.find((verdict) => verdict.reviewer.id === viewer.userId)?.evidenceIds ?? []);
  return {
    list,
    mine,
    blind,
    /** Submitters see verdicts once the review is published. */
    hiddenForRole: !isReviewer && claim.status !== 'published',
    disagreement: claim.disagreement,
    form: mayGive
      ? {
          action: `/claims/${claim.id}/verdicts`,
          replaces: mine !== null,
          errors: errors.byField,
          rationale: typeof values.rationale === 'string' ? values.rationale : (mine?.rationale ?? ''),
          ratings: ratings.map((rating, index) => ({
            value: rating,
            id: index === 0 ? 'verdict-rating' : `verdict-rating-${rating}`,
            name: ratingNames[rating],
            checked: chosen === rating,
          })),
          evidence: claim.evidence.map((item, index) => ({
            value: item.id,
            id: index === 0 ? 'verdict-evidence' : `verdict-evidence-${item.id}`,
            name: nameOf(item),
            stanceText: stanceNames[item.stance],
            checked: cited.includes(item.id),
          })),
        }
      : null,
    closedNote:
      isReviewer && !mayGive
        ? claim.status === 'submitted'
          ? 'Verdicts are given once an editor moves the claim into review.'
          : claim.status === 'in_review'
            ? 'Only reviewers assigned to this claim give verdicts on it. Ask an editor to assign you.'
            : 'Verdicts are given while the claim is in review.'
        : null,
  };
}

function toTransitionForm(
  claim: ClaimDetailView,
  to: ClaimStatus,
  values: ClaimFormState['values'],
  errors: FormErrors,
) {
  const split = to === 'published' && claim.status === 'in_review';
  const correction = to === 'published' && !split && claim.review !== null;
  // Triage is a decision, not a statement: its form is the button alone.
  const fields =
    claim.status === 'submitted' && to === 'in_review'
      ? {}
      : transitionFields(to, split ? 'split' : correction ? 'correction' : 'first');
  const text = (name: string) => (typeof values[name] === 'string' ? values[name] : '');
  const button = transitionButtons[`${claim.status}>${to}`] ?? `Move to ${statusName(to).toLowerCase()}`;
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
          title: split
            ? 'Why this rating'
            : correction
              ? 'Correction note'
              : (reasonLabels[`${claim.status}>${to}`] ?? 'Reason'),
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
    button,
    danger: to === 'rejected',
    publish: split ? 'split' : null,
    inputs,
    headingId: `transition-${to}-heading`,
  };
}

function toReview(claim: ClaimDetailView) {
  const review = claim.review;
  if (review === null) return null;
  return {
    rating: review.rating,
    ratingText: ratingName(review.rating),
    summary: review.summary,
    version: review.version,
    publishedAt: review.publishedAt,
    publishedBy: review.publishedBy?.name ?? null,
    modifiedAt: review.version > 1 ? review.modifiedAt : null,
    corrections: review.corrections,
    claimReviewHref: `/api/v1/claims/${claim.id}/claim-review`,
  };
}

function toHistory(data: ClaimPageData, claimId: string) {
  return {
    items: data.events.items.map(describeEvent),
    nextHref:
      data.events.nextCursor === null
        ? null
        : `/claims/${claimId}?events=${encodeURIComponent(data.events.nextCursor)}#history`,
    firstHref: data.eventsCursor === undefined ? null : `/claims/${claimId}#history`,
  };
}

/** How the history names the fields an edit changed. */
const editedFieldNames: Record<string, string> = {
  text: 'text',
  headline: 'headline',
  claimant: 'speaker',
  claimDate: 'date',
  tags: 'tags',
};

/** One event of the history in words: who did what, and the status change if any. */
export function describeEvent(event: EventView) {
  const data = event.data;
  const text = (key: string): string | null => (typeof data[key] === 'string' ? data[key] : null);
  const rating = text('rating');
  const hidden = data.ratingHidden === true;
  let what: string;
  let editNote: string | null = null;
  switch (event.action) {
    case 'claim.submitted':
      what = 'Submitted the claim';
      break;
    case 'claim.status_changed':
      what =
        text('transition') === 'consensus'
          ? `${data.split === true ? 'The leading rating settled the split verdicts' : 'The verdicts agreed'}${
              rating === null ? '' : `: ${ratingName(rating)}`
            }`
          : `Moved the claim to ${statusName(event.to ?? '').toLowerCase()}`;
      break;
    case 'claim.edited': {
      const changes = (typeof data.changes === 'object' && data.changes !== null ? data.changes : {}) as Record<
        string,
        { from?: unknown }
      >;
      const names = Object.entries(editedFieldNames)
        .filter(([field]) => Object.hasOwn(changes, field))
        .map(([, name]) => name);
      const before = changes.text?.from;
      what = `Edited the claim: ${names.join(', ')}${typeof before === 'string' ? '. The text was:' : ''}`;
      if (typeof before === 'string') editNote = before;
      break;
    }
    case 'claim.split_decided':
      what = `Chose the rating over split verdicts${rating === null ? '' : `: ${ratingName(rating)}`}`;
      break;
    case 'claim.verdict_requested':
      what = `Asked ${text('reviewerName') ?? 'another reviewer'} to settle the split verdicts`;
      break;
    case 'claim.appearance_added':
      what = `Added another appearance${text('quote') === null ? '' : `: “${text('quote')}”`}`;
      break;
    case 'claim.assigned':
      what = `Assigned ${text('reviewerName') ?? 'a reviewer'}`;
      break;
    case 'evidence.added':
      what = `Added evidence (${stanceNames[text('stance') as EvidenceView['stance']]?.toLowerCase() ?? 'no stance'}): ${text('url') ?? ''}`;
      break;
    case 'verdict.given':
      what = `${data.replaced === true ? 'Replaced their verdict' : 'Gave a verdict'}${
        hidden ? ' (its rating stays hidden until you give yours)' : rating === null ? '' : `: ${ratingName(rating)}`
      }`;
      break;
    case 'claim.disagreement_flagged':
      what = 'Flagged a disagreement between the verdicts';
      break;
    case 'claim.published':
      what = `Published the review${rating === null ? '' : `: ${ratingName(rating)}`}`;
      break;
    case 'claim.corrected':
      what = `Published a correction${rating === null ? '' : `: ${ratingName(rating)}`}`;
      break;
    case 'appearance.quote_checked':
      what = `Checked the quote: ${checkStatusNames[event.to as QuoteCheckStatus]?.toLowerCase() ?? event.to ?? ''}`;
      break;
    case 'evidence.excerpt_checked':
      what = `Checked an evidence excerpt: ${checkStatusNames[event.to as QuoteCheckStatus]?.toLowerCase() ?? event.to ?? ''}`;
      break;
    case 'source.changed':
      what = `A cited source changed: ${text('url') ?? ''}`;
      break;
    default:
      what = statusName(event.action.replaceAll('.', ' '));
  }
  const note = text('reason') ?? text('correction') ?? text('rationale') ?? editNote;
  const statusChange = event.action === 'claim.status_changed' || event.action === 'claim.submitted';
  return {
    at: event.at,
    actor: event.actor?.name ?? 'Claimdesk',
    what,
    note,
    from: statusChange && event.from !== null ? statusName(event.from) : null,
    to: statusChange && event.to !== null ? statusName(event.to) : null,
  };
}

function shorten(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1).trimEnd()}…`;
}

/** What a check of `source` is waiting for, or null when nothing is pending. */
export function pendingPhase(check: QuoteCheckView | null, source: CitedSource | undefined): PendingPhase | null {
  if (source?.fetchStatus === 'pending') return 'fetch';
  return check?.status === 'pending' ? 'check' : null;
}
