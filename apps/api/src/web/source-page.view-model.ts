import type { ClaimSummaryView } from '@claimdesk/claims';
import type {
  FetchStatus,
  SnapshotChangesView,
  SnapshotSummaryView,
  SnapshotView,
  SourceView,
} from '@claimdesk/sources';
import { confirmationOf } from './forms';
import type { candidatesPanelView } from './source-candidates.view-model';

/** How much of a hash the tables show; the snapshot page shows it whole. */
const shortHash = 12;

/** Unchanged text longer than this is shortened on the changes page, keeping {@link contextChars} each side. */
const maxUnchanged = 600;
const contextChars = 200;

/** What each fetch status means, in words (the badge shows the status itself). */
const fetchStatusDescriptions: Record<FetchStatus, string> = {
  pending: 'Waiting to be fetched. This page updates when the fetch is done.',
  fetched: 'Fetched: the latest snapshot below is what the page said then.',
  changed: 'The page changed after it was first fetched: compare the snapshots below.',
  failed: 'The last fetch failed.',
};

const fetchStatusLabels: Record<FetchStatus, string> = {
  pending: 'Pending',
  fetched: 'Fetched',
  changed: 'Changed',
  failed: 'Fetch failed',
};

export interface SnapshotRow {
  href: string;
  fetchedAt: Date;
  httpStatus: number | null;
  finalUrl: string | null;
  title: string | null;
  textLength: string;
  sha256Short: string;
  /** The link to how this snapshot differs from the one before it, when there is one. */
  changesHref: string | null;
  /** Its position, oldest first (1 = the first snapshot), for link names. */
  number: number;
  previousNumber: number;
}

/** Fixed confirmations, by the `done` key a successful post redirects with: the query is never echoed. */
export const sourceConfirmations: Record<string, string> = {
  extraction: 'Claim extraction requested',
};

/** What the source page adds for some viewers: the candidate claims panel (reviewers and up), a confirmation. */
export interface SourcePageOptions {
  candidates?: ReturnType<typeof candidatesPanelView> | null;
  /** The `done` query of the redirect after a successful post. */
  done?: unknown;
}

/**
 * The source page's data: the source, its snapshots (newest first), the
 * claims citing it and, for reviewers, the candidate claims extracted from it.
 */
export function sourcePageView(
  source: SourceView,
  citing: readonly ClaimSummaryView[],
  options: SourcePageOptions = {},
) {
  const count = source.snapshots.length;
  return {
    pageTitle: `Source: ${source.title ?? source.url}`,
    done: confirmationOf(sourceConfirmations, options.done) ?? null,
    candidates: options.candidates ?? null,
    id: source.id,
    url: source.url,
    urlIsLink: isWebUrl(source.url),
    // Not `title`: inside the layout block that name is the page title.
    sourceTitle: source.title,
    publisher: source.publisher,
    publishedAt: source.publishedAt,
    fetchStatus: source.fetchStatus,
    fetchStatusLabel: fetchStatusLabels[source.fetchStatus],
    fetchStatusDescription: fetchStatusDescriptions[source.fetchStatus],
    pending: source.fetchStatus === 'pending',
    failed: source.fetchStatus === 'failed',
    error: source.error,
    errorDetail: source.errorDetail,
    fetchAttempts: source.fetchAttempts,
    lastFetchedAt: source.lastFetchedAt,
    lastAttemptAt: source.lastAttemptAt,
    snapshots: source.snapshots.map((snapshot, index): SnapshotRow => ({
      href: snapshotHref(source.id, snapshot.id),
      fetchedAt: snapshot.fetchedAt,
      httpStatus: snapshot.httpStatus,
      finalUrl: snapshot.finalUrl,
      title: snapshot.title,
      textLength: snapshot.textLength.toLocaleString('en-GB'),
      sha256Short: snapshot.sha256.slice(0, shortHash),
      // Newest first: the one before this snapshot is the next in the list.
      changesHref: index + 1 < count ? `${snapshotHref(source.id, snapshot.id)}/changes` : null,
      number: count - index,
      previousNumber: count - index - 1,
    })),
    citing: citing.map((claim) => ({
      href: `/claims/${claim.id}`,
      text: claim.text,
      claimant: claim.claimant?.name ?? null,
      status: claim.status,
      createdAt: claim.createdAt,
    })),
  };
}

/** The snapshot page's data: the snapshot with its text, hashes and headers. */
export function snapshotPageView(snapshot: SnapshotView) {
  return {
    ...summaryOf(snapshot),
    sourceHref: `/sources/${snapshot.sourceId}`,
    text: snapshot.text,
    headers: Object.entries(snapshot.headers)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, text]) => ({ name, text })),
  };
}

/** One run of the changes page: unchanged text (maybe shortened), removed or added words. */
export interface ChangeSegment {
  op: 'equal' | 'removed' | 'added';
  text: string;
  /** For a shortened unchanged run: the text after the gap, and how many characters were left out. */
  after?: string;
  skipped?: number;
}

/** The changes page's data: the word difference as segments the template wraps in `<del>`/`<ins>`. */
export function changesPageView(changes: SnapshotChangesView) {
  return {
    sourceHref: `/sources/${changes.sourceId}`,
    snapshotHref: snapshotHref(changes.sourceId, changes.snapshotId),
    previousHref:
      changes.previousSnapshotId === null ? null : snapshotHref(changes.sourceId, changes.previousSnapshotId),
    summary: `${words(changes.removedWords)} removed, ${words(changes.addedWords)} added.`,
    byParagraph: changes.granularity === 'paragraph',
    unchanged: changes.changes.every((change) => change.op === 'equal'),
    segments: changes.changes.map((change, index): ChangeSegment => {
      if (change.op !== 'equal' || change.text.length <= maxUnchanged) return { op: change.op, text: change.text };
      // The first and last runs need context on one side only.
      const keepStart = index === 0 ? 0 : contextChars;
      const keepEnd = index === changes.changes.length - 1 ? 0 : contextChars;
      return {
        op: 'equal',
        text: change.text.slice(0, keepStart),
        after: change.text.slice(change.text.length - keepEnd),
        skipped: change.text.length - keepStart - keepEnd,
      };
    }),
  };
}

function words(count: number): string {
  return `${count} ${count === 1 ? 'word' : 'words'}`;
}

/** Only http(s) URLs become links: a stored URL is third-party text like any other. */
function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

function snapshotHref(sourceId: string, snapshotId: string): string {
  return `/sources/${sourceId}/snapshots/${snapshotId}`;
}

function summaryOf(snapshot: SnapshotSummaryView) {
  return {
    id: snapshot.id,
    fetchedAt: snapshot.fetchedAt,
    httpStatus: snapshot.httpStatus,
    finalUrl: snapshot.finalUrl,
    finalUrlIsLink: snapshot.finalUrl !== null && isWebUrl(snapshot.finalUrl),
    contentType: snapshot.contentType,
    sha256: snapshot.sha256,
    textSha256: snapshot.textSha256,
    snapshotTitle: snapshot.title,
    publisher: snapshot.publisher,
    publishedAt: snapshot.publishedAt,
    textLength: snapshot.textLength.toLocaleString('en-GB'),
  };
}
