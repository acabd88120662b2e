/** Where a check stands: `pending` until a snapshot of the source was read, or the source failed. */
export const quoteCheckStatuses = ['pending', 'found', 'approximate', 'not_found', 'source_unavailable'] as const;
export type QuoteCheckStatus = (typeof quoteCheckStatuses)[number];

/** A check of quoted text against a source, as the API shows it. */
export interface QuoteCheckView {
  status: QuoteCheckStatus;
  score: number | null;
  snapshotId: string | null;
  start: number | null;
  end: number | null;
  excerpt: string | null;
  diff: unknown;
  checkedAt: Date | null;
}

/**
 * Text cited from a source that is checked against it: an appearance's quote
 * or a piece of evidence's excerpt. The id is the appearance's or the evidence's.
 */
export interface QuoteTarget {
  kind: 'appearance' | 'evidence';
  id: string;
}

/** What a check is opened with: the text cited, from which source, for which claim. */
export interface CitedText extends QuoteTarget {
  claimId: string;
  sourceId: string;
  quote: string;
}
