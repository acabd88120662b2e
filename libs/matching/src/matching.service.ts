import { Injectable } from '@nestjs/common';
import { ClaimsService, type SimilarClaimView } from '@claimdesk/claims';
import { ratingNames, ReviewsService } from '@claimdesk/reviews';
import type { ClaimMatch, MatchReason } from './claim-match';
import { ClaimIndexFeed } from './claim-index.feed';
import { conflictPenalty, meaningConflicts } from './meaning-guard';

/** At or above this share of shared term weight, with no conflict of meaning, a related claim is a near duplicate. */
export const nearDuplicateOverlap = 0.8;

/** Below this score a lexical match is noise, not a lead. */
export const defaultMinScore = 0.15;

export interface MatchOptions {
  /** At most this many matches (default 10). */
  limit?: number;
  /** Leave this claim out (the claim whose matches are shown). */
  excludeId?: string;
  /** Leave out matches scoring below this (default {@link defaultMinScore}). */
  minScore?: number;
}

/**
 * The claim matching engine: one place that answers "was this already
 * checked?" for the submission response, the claim page, the matches
 * endpoint and extracted candidates. Exact and near copies come from
 * PostgreSQL (the normalised text's hash, the MinHash fingerprint and trigram
 * similarity); restatements in other words from the in-memory BM25 index.
 * Every match is then checked for numbers and negations that differ.
 */
@Injectable()
export class MatchingService {
  constructor(
    private readonly claims: ClaimsService,
    private readonly reviews: ReviewsService,
    private readonly feed: ClaimIndexFeed,
  ) {}

  /** Claims matching `text`, best first: exact copies, then near duplicates, then related claims. */
  async match(text: string, options: MatchOptions = {}): Promise<ClaimMatch[]> {
    await this.feed.catchUp();
    const copies = await this.claims.exactAndNear(text, options.excludeId ?? null, options.limit ?? 10);
    return this.rank(text, copies, options);
  }

  /**
   * A claim's matches as its `similar` list shows them: its exact and near
   * copies (which reading the claim already found) with the related claims.
   */
  async similarTo(
    claim: { id: string; text: string; similar: SimilarClaimView[] },
    limit = 5,
  ): Promise<SimilarClaimView[]> {
    await this.feed.catchUp();
    const matches = await this.rank(claim.text, claim.similar, { limit, excludeId: claim.id, minScore: 0.3 });
    return matches.map(toSimilarView);
  }

  private async rank(text: string, copies: readonly SimilarClaimView[], options: MatchOptions): Promise<ClaimMatch[]> {
    const limit = options.limit ?? 10;
    const minScore = options.minScore ?? defaultMinScore;
    const hits = this.feed.index.search(text, limit + copies.length, options.excludeId);

    const found = new Map<string, { reason: MatchReason; score: number; order: number }>();
    for (const copy of copies) {
      found.set(copy.id, {
        reason: copy.match === 'exact' ? 'exact' : 'near_duplicate',
        score: copy.score,
        order: copy.match === 'exact' ? 0 : 1,
      });
    }
    hits.forEach((hit, position) => {
      if (found.has(hit.id)) return;
      const near = hit.overlap >= nearDuplicateOverlap;
      found.set(hit.id, { reason: near ? 'near_duplicate' : 'related', score: hit.overlap, order: 2 + position });
    });

    const ids = [...found.keys()];
    const [summaries, ratings] = [await this.claims.summaries(ids), await this.reviews.publishedRatings(ids)];
    const matches = summaries.flatMap((summary): (ClaimMatch & { order: number })[] => {
      const { reason, score, order } = found.get(summary.id)!;
      const conflicts = reason === 'exact' ? [] : meaningConflicts(text, summary.text);
      const penalised = score * conflictPenalty ** conflicts.length;
      if (penalised < minScore) return [];
      const published = ratings.get(summary.id);
      return [
        {
          claim: {
            ...summary,
            rating: published?.rating ?? null,
            ratingName: published === undefined ? null : ratingNames[published.rating],
            publishedAt: published?.publishedAt ?? null,
          },
          score: Math.round(penalised * 1000) / 1000,
          // A near copy that says the opposite, or another number, is no duplicate.
          reason: reason === 'near_duplicate' && conflicts.length > 0 ? 'related' : reason,
          conflicts,
          order,
        },
      ];
    });
    return matches
      .sort((a, b) => rankOf(a) - rankOf(b) || a.order - b.order)
      .slice(0, limit)
      .map(({ order: _order, ...match }) => match);
  }
}

function rankOf(match: ClaimMatch): number {
  return match.reason === 'exact' ? 0 : match.reason === 'near_duplicate' ? 1 : 2;
}

/** A match as a claim's `similar` list shows it. */
export function toSimilarView(match: ClaimMatch): SimilarClaimView {
  return {
    id: match.claim.id,
    text: match.claim.text,
    status: match.claim.status,
    score: match.score,
    match: match.reason === 'near_duplicate' ? 'near' : match.reason,
    reason: match.reason,
    claimant: match.claim.claimant?.name ?? null,
    createdAt: match.claim.createdAt,
    rating: match.claim.rating,
    ratingName: match.claim.ratingName,
    conflicts: match.conflicts,
  };
}
