import { createHash } from 'node:crypto';
import type { CandidatePage, CandidateView, ExtractionStatus } from '@claimdesk/extraction';
import type { JobState } from './claim-page/checks-panel.view-model';
import { statusName } from './claim-page/claim-page.names';

/** Everything the candidate claims panel of a source page shows. */
export interface CandidatesPanelData {
  sourceId: string;
  page: CandidatePage;
  /** The extraction job while one is pending (null when it is not in the queue, or not yet). */
  job: JobState | null;
  /** The cursor the list was read from, when not the first page, and the position of its first item. */
  cursor?: string;
  from?: number;
}

const kindNames: Record<CandidateView['kind'], string> = {
  quote: 'Quote',
  reported: 'Reported',
  statement: 'Statement',
};

const kindHints: Record<CandidateView['kind'], string> = {
  quote: 'a direct quote',
  reported: 'reported speech',
  statement: 'the article’s own statement',
};

const statusNames: Record<ExtractionStatus, string> = {
  not_requested: 'Not requested',
  pending: 'Extracting',
  done: 'Done',
  failed: 'Failed',
};

/** The extraction statuses as the status badges colour them. */
const statusBadges: Record<ExtractionStatus, string> = {
  not_requested: 'submitted',
  pending: 'pending',
  done: 'fetched',
  failed: 'failed',
};

/**
 * The candidate claims panel, ready for the template: every piece of text is
 * plain and gets escaped there. While extraction is pending it carries the
 * URL htmx polls, with a key of the state shown so that an unchanged state
 * costs no swap.
 */
export function candidatesPanelView(data: CandidatesPanelData) {
  const { sourceId, page } = data;
  const { extraction } = page;
  const from = data.cursor === undefined ? 1 : (data.from ?? 1);
  const items = page.items.map((candidate, index) => toCandidateItem(sourceId, candidate, from + index));
  const pending = extraction.status === 'pending';
  const progress = pending ? toProgress(extraction.snapshotId, data.job) : null;
  const stateKey = createHash('sha256')
    .update(JSON.stringify({ status: extraction.status, items, progress }))
    .digest('hex')
    .slice(0, 16);
  return {
    sourceId,
    status: extraction.status,
    statusText: statusNames[extraction.status],
    statusBadge: statusBadges[extraction.status],
    statusHint: statusHint(extraction.status, extraction.snapshotId),
    at: extraction.at,
    pending,
    stateKey,
    pollUrl: pending ? `/sources/${sourceId}/candidates?seen=${stateKey}` : null,
    progress,
    extractForm:
      extraction.status === 'not_requested' || extraction.status === 'failed'
        ? {
            action: `/sources/${sourceId}/extractions`,
            button: extraction.status === 'failed' ? 'Extract claims again' : 'Extract claims',
          }
        : null,
    items,
    from,
    nextHref:
      page.nextCursor === null
        ? null
        : `/sources/${sourceId}?candidates=${encodeURIComponent(page.nextCursor)}&from=${from + items.length}#candidates`,
    firstHref: data.cursor === undefined ? null : `/sources/${sourceId}#candidates`,
    liveMessage: liveMessage(extraction.status, items.length, progress?.text ?? null),
  };
}

function statusHint(status: ExtractionStatus, snapshotId: string | null): string {
  switch (status) {
    case 'not_requested':
      return 'Nobody has asked for candidate claims from this source yet.';
    case 'pending':
      return snapshotId === null
        ? 'Claims are extracted once the source has been fetched.'
        : 'Claims are being extracted from the latest snapshot. This part updates by itself.';
    case 'done':
      return 'Extracted from the latest snapshot, best first: the most check-worthy statements lead.';
    case 'failed':
      return snapshotId === null
        ? 'The source could not be fetched, so there is nothing to extract claims from.'
        : 'Extracting claims from the latest snapshot failed.';
  }
}

function toCandidateItem(sourceId: string, candidate: CandidateView, position: number) {
  const percent = Math.round(candidate.score * 100);
  return {
    id: candidate.id,
    anchor: `candidate-${candidate.id}`,
    position,
    text: candidate.text,
    kind: candidate.kind,
    kindText: kindNames[candidate.kind],
    kindHint: kindHints[candidate.kind],
    score: Math.min(1, Math.max(0, candidate.score)),
    scoreText: `${percent}%`,
    speaker: speakerText(candidate.speaker),
    speakerKnown: candidate.speaker !== null && !candidate.speaker.anonymous,
    context: sentenceContext(candidate),
    matches: candidate.matches.map((match) => ({
      href: `/claims/${match.claim.id}`,
      text: match.claim.text,
      status: match.claim.status,
      statusText: statusName(match.claim.status),
      ratingName: match.claim.ratingName,
      how:
        match.reason === 'exact'
          ? 'Same wording'
          : match.reason === 'near_duplicate'
            ? `Near copy (${Math.round(match.score * 100)}%)`
            : `Related (${Math.round(match.score * 100)}%)`,
    })),
    promoteAction:
      candidate.promotedClaimId === null ? `/sources/${sourceId}/candidates/${candidate.id}/promote` : null,
    promotedHref: candidate.promotedClaimId === null ? null : `/claims/${candidate.promotedClaimId}`,
  };
}

/** Who said it, in words: "Name, role", "Anonymous: role", or that nobody could be named. */
export function speakerText(speaker: CandidateView['speaker']): string {
  if (speaker === null) return 'Speaker unknown';
  if (speaker.anonymous) return `Anonymous: ${speaker.role ?? 'unnamed source'}`;
  const name = speaker.name ?? 'Unnamed';
  return speaker.role === null ? name : `${name}, ${speaker.role}`;
}

/** The sentence around the statement, as text before, the statement (to mark) and text after. */
export function sentenceContext(candidate: Pick<CandidateView, 'start' | 'end' | 'sentence' | 'text'>): {
  before: string;
  match: string;
  after: string;
} {
  const { sentence } = candidate;
  const from = candidate.start - sentence.start;
  const to = candidate.end - sentence.start;
  // Offsets that do not fit the sentence would mark the wrong words: mark the statement alone.
  if (from < 0 || to > sentence.text.length || sentence.text.slice(from, to) !== candidate.text) {
    return { before: '', match: candidate.text, after: '' };
  }
  return { before: sentence.text.slice(0, from), match: candidate.text, after: sentence.text.slice(to) };
}

/** What a pending extraction is waiting for, in words, with the job's percentage when it reported one. */
export function toProgress(snapshotId: string | null, job: JobState | null) {
  let text: string;
  let percent: number | null = null;
  if (snapshotId === null) {
    text = 'Waiting for the source to be fetched';
  } else {
    switch (job?.state ?? 'queued') {
      case 'active':
        text = 'Extracting claims from the latest snapshot…';
        percent = job?.progress ?? null;
        break;
      case 'delayed':
        text =
          (job?.attemptsMade ?? 0) > 0
            ? `Extraction attempt ${job!.attemptsMade} of ${job!.attempts} failed; trying again shortly`
            : 'Queued: claims are extracted shortly';
        break;
      case 'completed':
        text = 'Extraction finished; showing the candidates…';
        percent = 100;
        break;
      case 'failed':
        text = 'The extraction failed';
        break;
      default:
        text = 'Queued: waiting for a worker to extract claims';
    }
  }
  return {
    id: 'candidates-progress',
    text,
    state: snapshotId === null ? 'waiting for the fetch' : job === null ? 'not queued yet' : job.state,
    percentDone: percent !== null && percent > 0 ? Math.min(100, Math.round(percent)) : null,
  };
}

/** A short sentence for screen readers each time the panel changes. */
function liveMessage(status: ExtractionStatus, count: number, progress: string | null): string {
  switch (status) {
    case 'pending':
      return progress ?? 'Extracting claims.';
    case 'done':
      return `Extraction done: ${count === 1 ? '1 candidate claim' : `${count} candidate claims`}.`;
    case 'failed':
      return 'Extraction failed.';
    case 'not_requested':
      return 'Extraction not requested.';
  }
}
