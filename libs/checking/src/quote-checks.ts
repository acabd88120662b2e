import { Injectable } from '@nestjs/common';
import { QuoteCheckRepository } from './quote-check.repository';
import type { CitedText, QuoteCheckView, QuoteTarget } from './quote-check.views';

/**
 * The quote checks as the libs that cite sources see them: a citation with
 * text opens a pending check (in the caller's transaction), and a claim's
 * appearances and evidence are shown with theirs. The checking jobs
 * ({@link SourceCheckService}) make the checks.
 */
@Injectable()
export class QuoteChecks {
  constructor(private readonly checks: QuoteCheckRepository) {}

  /** Opens the `pending` check of the text cited; returns it. */
  open(cited: CitedText): Promise<QuoteCheckView> {
    return this.checks.open(cited);
  }

  /** The checks of these appearances' quotes or evidence's excerpts, by their id; those citing no text have none. */
  of(kind: QuoteTarget['kind'], ids: readonly string[]): Promise<Map<string, QuoteCheckView>> {
    return this.checks.viewsOf(kind, ids);
  }
}
