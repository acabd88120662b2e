import type { ReviewedClaimView } from '@claimdesk/claims';
import { bestRating, type Rating, ratingNames, ratingValues, worstRating } from './rating';
import type { ReviewRecord } from './reviews.repository';

/** schema.org ClaimReview, as Google's Fact Check markup reads it. */
export interface ClaimReviewJsonLd {
  '@context': 'https://schema.org';
  '@type': 'ClaimReview';
  url: string;
  /** The claim's headline, when it has one. */
  headline?: string;
  claimReviewed: string;
  /** The latest version's summary. */
  reviewBody: string;
  datePublished: string;
  dateModified: string;
  author: { '@type': 'Organization'; name: string; url: string };
  reviewRating: {
    '@type': 'Rating';
    ratingValue?: number;
    bestRating: number;
    worstRating: number;
    alternateName: string;
  };
  itemReviewed: {
    '@type': 'Claim';
    author?: { '@type': 'Person' | 'Organization'; name: string; jobTitle?: string };
    datePublished?: string;
    appearance: { '@type': 'CreativeWork'; url: string }[];
  };
  /** The review's own version, and its corrections (a Claimdesk extension readers may show). */
  version: number;
  correction?: { '@type': 'CorrectionComment'; text: string; datePublished: string }[];
}

/**
 * The ClaimReview of a claim's published review: its latest version, first
 * published at the first version's date and modified at the latest's, with
 * every correction note.
 */
export function toClaimReview(
  claim: ReviewedClaimView,
  versions: readonly ReviewRecord[],
  site: { publicUrl: string; organizationName: string },
): ClaimReviewJsonLd {
  const first = versions[0]!;
  const latest = versions.at(-1)!;
  const rating: Rating = latest.rating;
  const value = ratingValues[rating];
  const corrections = versions
    .filter((version) => version.correctionNote !== null)
    .map((version) => ({
      '@type': 'CorrectionComment' as const,
      text: version.correctionNote!,
      datePublished: version.publishedAt.toISOString(),
    }));
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: `${site.publicUrl}/fact-checks/${claim.id}`,
    ...(claim.headline === null ? {} : { headline: claim.headline }),
    claimReviewed: claim.text,
    reviewBody: latest.summary,
    datePublished: first.publishedAt.toISOString(),
    dateModified: latest.publishedAt.toISOString(),
    author: { '@type': 'Organization', name: site.organizationName, url: site.publicUrl },
    reviewRating: {
      '@type': 'Rating',
      ...(value === null ? {} : { ratingValue: value }),
      bestRating,
      worstRating,
      alternateName: ratingNames[rating],
    },
    itemReviewed: {
      '@type': 'Claim',
      ...(claim.claimantName === null
        ? {}
        : {
            author: {
              '@type': 'Person',
              name: claim.claimantName,
              ...(claim.claimantRole === null ? {} : { jobTitle: claim.claimantRole }),
            },
          }),
      ...(claim.claimDate === null ? {} : { datePublished: claim.claimDate }),
      appearance: claim.appearanceUrls.map((url) => ({ '@type': 'CreativeWork', url })),
    },
    version: latest.version,
    ...(corrections.length === 0 ? {} : { correction: corrections }),
  };
}
