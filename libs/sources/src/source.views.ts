import type { FetchStatus } from './source.entity';

export interface SnapshotSummaryView {
  id: string;
  fetchedAt: Date;
  httpStatus: number | null;
  finalUrl: string | null;
  contentType: string | null;
  sha256: string;
  title: string | null;
  textLength: number;
}

export interface SnapshotView extends SnapshotSummaryView {
  sourceId: string;
  text: string;
}

export interface SourceView {
  id: string;
  url: string;
  title: string | null;
  publisher: string | null;
  publishedAt: Date | null;
  fetchStatus: FetchStatus;
  error: string | null;
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
  /** Claim extraction is not built yet: true is refused. */
  extractClaims?: boolean;
}
