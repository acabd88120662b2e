import type { ExtractedStatement } from '../statement';
import type { ExtractionStateView } from './candidate.views';
import { extractionActions, type ExtractionStateRow, type NewCandidate } from './candidates.repository';

/** Longest candidate kept: a claim's text may not be longer, so a longer one could never be promoted. */
export const maxCandidateLength = 5000;

/**
 * Where extraction stands for the source's latest snapshot. An outcome counts
 * only for that snapshot; a request made after a failure makes it pending again.
 */
export function extractionStateOf(row: ExtractionStateRow): ExtractionStateView {
  const requestedSince =
    row.requestId !== null && (row.outcomeId === null || BigInt(row.requestId) > BigInt(row.outcomeId));
  if (row.snapshotId === null) {
    if (!row.extractClaims) return { status: 'not_requested', snapshotId: null, at: null };
    // Waiting for the first snapshot, which the fetch queues the extraction for; a failed fetch brings none.
    return { status: row.fetchStatus === 'failed' ? 'failed' : 'pending', snapshotId: null, at: null };
  }
  if (row.outcomeAction === extractionActions.extracted) {
    return { status: 'done', snapshotId: row.snapshotId, at: row.outcomeAt };
  }
  if (row.outcomeAction === extractionActions.failed && !requestedSince) {
    return { status: 'failed', snapshotId: row.snapshotId, at: row.outcomeAt };
  }
  if (row.extractClaims || row.outcomeAction !== null)
    return { status: 'pending', snapshotId: row.snapshotId, at: null };
  return { status: 'not_requested', snapshotId: null, at: null };
}

/**
 * The BullMQ job a pending extraction waits on: the one the latest request
 * queued, or the one queued for the snapshot when it was stored
 * (`source.extract.<sourceId>.<snapshotId>`).
 */
export function pendingJobIdOf(sourceId: string, row: ExtractionStateRow): string | null {
  if (extractionStateOf(row).status !== 'pending' || row.snapshotId === null) return null;
  const requestedSince =
    row.requestId !== null && (row.outcomeId === null || BigInt(row.requestId) > BigInt(row.outcomeId));
  return requestedSince && row.requestJobId !== null ? row.requestJobId : snapshotJobId(sourceId, row.snapshotId);
}

/** The id of the job queued when a snapshot of a source with extraction on is stored. */
export function snapshotJobId(sourceId: string, snapshotId: string): string {
  return `source.extract.${sourceId}.${snapshotId}`;
}

/**
 * The statements as candidates of the snapshot `text`, ranked in the order
 * given (best first). Statements whose offsets do not give their text back,
 * or too long to become a claim, are left out: a candidate must be found
 * word for word when it is promoted and its quote checked.
 */
export function toNewCandidates(text: string, statements: readonly ExtractedStatement[]): NewCandidate[] {
  const candidates: NewCandidate[] = [];
  for (const statement of statements) {
    const { span, sentence } = statement;
    if (text.slice(span.start, span.end) !== span.text || span.end <= span.start) continue;
    if (span.text.trim() === '' || span.text.length > maxCandidateLength) continue;
    if (!(sentence.start >= 0 && sentence.end > sentence.start && sentence.end <= text.length)) continue;
    const speaker = statement.speaker;
    candidates.push({
      kind: statement.kind,
      text: span.text,
      start: span.start,
      end: span.end,
      sentenceStart: sentence.start,
      sentenceEnd: sentence.end,
      speakerName: speaker?.name ?? null,
      speakerRole: speaker?.role ?? null,
      speakerAnonymous: speaker === null ? null : speaker.anonymous,
      score: Number.isFinite(statement.score) ? Math.min(1, Math.max(0, statement.score)) : 0,
      features: statement.features,
      rank: candidates.length + 1,
    });
  }
  return candidates;
}

/**
 * A candidate's text as a claim: without the punctuation that joined it to
 * the rest of its sentence (a quote breaks off at a comma: "…budget," said X).
 */
export function claimTextOf(text: string): string {
  const trimmed = text.replace(/[\s,;:]+$/u, '');
  return trimmed === '' ? text : trimmed;
}
