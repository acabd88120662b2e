import type { ClaimReviewJsonLd } from '@claimdesk/reviews';

/**
 * JSON for a `<script type="application/ld+json">` block: a script element's
 * text ends at the first `</script`, and HTML escaping does not apply inside,
 * so `<`, `>` and `&` (and the line separators old parsers choke on) are
 * written as JSON escapes, which read back as the same string.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => {
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** The public fact-check page of a published review, read off its ClaimReview. */
export function factCheckPageView(review: ClaimReviewJsonLd) {
  const claimant = review.itemReviewed.author;
  return {
    title: review.headline ?? `Fact-check: “${truncate(review.claimReviewed, 80)}”`,
    headline: review.headline ?? null,
    claim: review.claimReviewed,
    claimant:
      claimant === undefined ? null : claimant.jobTitle ? `${claimant.name}, ${claimant.jobTitle}` : claimant.name,
    claimDate: review.itemReviewed.datePublished ?? null,
    rating: review.reviewRating.alternateName,
    ratingValue: review.reviewRating.ratingValue ?? null,
    bestRating: review.reviewRating.bestRating,
    summary: review.reviewBody,
    publisher: review.author.name,
    publishedAt: review.datePublished,
    modifiedAt: review.dateModified === review.datePublished ? null : review.dateModified,
    version: review.version,
    appearances: review.itemReviewed.appearance.map((work) => ({
      url: work.url,
      isLink: /^https?:\/\//i.test(work.url),
    })),
    corrections: (review.correction ?? []).map((correction) => ({
      text: correction.text,
      at: correction.datePublished,
    })),
    jsonLd: scriptSafeJson(review),
  };
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;
}
