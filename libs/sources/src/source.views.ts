import type { FetchStatus } from './source.entity';

export interface SnapshotSummaryView {
  id: string;
  fetchedAt: Date;
  httpStatus: number | null;
  finalUrl: string | null;
  contentType: string | null;
  sha256: string;
  title: string | null;
  /** The publisher and date the page itself states. */
  publisher: string | null;
  publishedAt: Date | null;
  /** SHA-256 (hex) of the extracted text. */
  textSha256: string;
  textLength: number;
}

export interface SnapshotView extends SnapshotSummaryView {
  sourceId: string;
  /** Response headers of interest. */
  headers: Record<string, string>;
  text: string;
}

/** One step of a word-level difference: `removed` from the earlier text, `added` in the later one. */
export interface TextChange {
  op: 'equal' | 'removed' | 'added';
  text: string;
}

/** How a snapshot's text differs from the one before it. */
export interface SnapshotChangesView {
  sourceId: string;
  snapshotId: string;
  /** Null for the first snapshot, whose text is all `added`. */
  previousSnapshotId: string | null;
  /** Words removed and added. */
  removedWords: number;
  addedWords: number;
  /** `word` when compared word by word; `paragraph` when the texts differ too much for that. */
  granularity: 'word' | 'paragraph';
  changes: TextChange[];
}

export interface SourceView {
  id: string;
  url: string;
  title: string | null;
  publisher: string | null;
  publishedAt: Date | null;
  fetchStatus: FetchStatus;
  /** The code of the last failed attempt (`timeout`, `http_404`, `blocked_address`, …). */
  error: string | null;
  /** The last failure in words. */
  errorDetail: string | null;
  fetchAttempts: number;
  lastFetchedAt: Date | null;
  lastAttemptAt: Date | null;
  /** Whether candidate claims are extracted from each new snapshot. */
  extractClaims: boolean;
  snapshots: SnapshotSummaryView[];
  createdAt: Date;
  updatedAt: Date;
}

export interface SourceInput {
  url: string;
  title?: string;
  publisher?: string;
  publishedAt?: Date;
  /** The document's text, when the caller has it: stored as a snapshot instead of fetching. */
  text?: string;
  /**
   * True also proposes candidate claims from the text, now and from every new
   * snapshot; false or missing leaves a known source's setting as it is.
   */
  extractClaims?: boolean;
}
