import type { QuoteCheckStatus } from './claim-status';
import type { QuoteCheckView } from './claim.views';

/**
 * The columns of a quote check as queries select them: an appearance's quote
 * and a piece of evidence's excerpt are checked and recorded alike.
 */
export interface QuoteCheckRow {
  quoteStatus: QuoteCheckStatus | null;
  quoteScore: number | null;
  quoteSnapshotId: string | null;
  quoteStart: number | null;
  quoteEnd: number | null;
  quoteExcerpt: string | null;
  quoteDiff: unknown;
  quoteCheckedAt: Date | null;
}

/** The check as the API shows it; null when nothing was cited to check. */
export function toQuoteCheckView(row: QuoteCheckRow): QuoteCheckView | null {
  if (row.quoteStatus === null) return null;
  return {
    status: row.quoteStatus,
    score: row.quoteScore,
    snapshotId: row.quoteSnapshotId,
    start: row.quoteStart,
    end: row.quoteEnd,
    excerpt: row.quoteExcerpt,
    diff: row.quoteDiff,
    checkedAt: row.quoteCheckedAt,
  };
}
