import { createHash } from 'node:crypto';
import type { AppearanceView, EvidenceView, QuoteCheckStatus, QuoteCheckView } from '@claimdesk/claims';
import type { ClaimDetailView } from '@claimdesk/reviews';
import type { FetchStatus } from '@claimdesk/sources';
import type { ClaimFormState } from '../claim-page.forms';
import type { FormErrors } from '../forms';
import { checkStatusNames, stanceNames } from './claim-page.names';

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

const stanceHints: Record<EvidenceView['stance'], string> = {
  supports: 'The source shows the claim is right.',
  refutes: 'The source shows the claim is wrong.',
  context: 'The source helps to understand the claim without settling it.',
};

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

/** What a check of `source` is waiting for, or null when nothing is pending. */
export function pendingPhase(check: QuoteCheckView | null, source: CitedSource | undefined): PendingPhase | null {
  if (source?.fetchStatus === 'pending') return 'fetch';
  return check?.status === 'pending' ? 'check' : null;
}

/** The form attaching evidence: its values and errors, and the stances to choose from. */
export function toEvidenceForm(values: ClaimFormState['values'], errors: FormErrors) {
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
