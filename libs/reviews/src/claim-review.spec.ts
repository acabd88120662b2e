import type { ReviewedClaimView } from '@claimdesk/claims';
import { type ClaimReviewJsonLd, toClaimReview } from './claim-review';
import { type Rating, ratings } from './rating';
import type { ReviewRow } from './reviews.repository';

/*
 * Google's Fact Check (ClaimReview) markup, as its structured-data guide
 * (developers.google.com/search/docs/appearance/structured-data/factcheck)
 * lists it:
 * - ClaimReview, required: `claimReviewed` (Text), `reviewRating` (Rating),
 *   `url` (URL of the page with the fact check);
 *   recommended: `author` (Organization or Person, with `name` and `url`),
 *   `datePublished` (Date), `itemReviewed` (Claim).
 * - Claim, recommended: `author` (Person or Organization with `name`),
 *   `datePublished` (Date the claim was made), `appearance` or
 *   `firstAppearance` (CreativeWork with a `url`).
 * - Rating, required: `alternateName` (Text, the truthfulness rating); for a
 *   numeric rating `ratingValue` (Number) with `bestRating` and `worstRating`.
 * Plus the PRODUCT.md scale: 6 (true) down to 1 (false), unverifiable with no
 * number; and the CONTRACT.md shape: `@context` https://schema.org, dateModified.
 */

const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const isoDate = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2}))?$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isNonEmptyText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

function isAbsoluteHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * The problems Google's Fact Check markup rules (and our contract) find in a
 * ClaimReview JSON-LD document: an empty list when it is valid.
 */
function claimReviewProblems(doc: unknown, site: { publicUrl: string }): string[] {
  const problems: string[] = [];
  const problem = (path: string, message: string): void => {
    problems.push(`${path}: ${message}`);
  };
  if (!isObject(doc)) return ['(root): must be an object'];

  if (doc['@context'] !== 'https://schema.org') problem('@context', 'must be https://schema.org');
  if (doc['@type'] !== 'ClaimReview') problem('@type', 'must be ClaimReview');
  if (!isNonEmptyText(doc.claimReviewed)) problem('claimReviewed', 'is required, non-empty text');
  if (!isNonEmptyText(doc.reviewBody)) problem('reviewBody', 'is required, non-empty text');
  if ('headline' in doc && !isNonEmptyText(doc.headline)) problem('headline', 'must be non-empty text when present');

  if (!isAbsoluteHttpUrl(doc.url)) problem('url', 'is required, an absolute http(s) URL');
  else if (!doc.url.startsWith(`${site.publicUrl}/`)) problem('url', `must be under ${site.publicUrl}`);

  if (typeof doc.datePublished !== 'string' || !isoDateTime.test(doc.datePublished)) {
    problem('datePublished', 'must be an ISO 8601 date-time');
  }
  if (typeof doc.dateModified !== 'string' || !isoDateTime.test(doc.dateModified)) {
    problem('dateModified', 'must be an ISO 8601 date-time');
  } else if (typeof doc.datePublished === 'string' && Date.parse(doc.dateModified) < Date.parse(doc.datePublished)) {
    problem('dateModified', 'must not be before datePublished');
  }

  const author = doc.author;
  if (!isObject(author)) problem('author', 'must be an object');
  else {
    if (author['@type'] !== 'Organization') problem('author.@type', 'must be Organization');
    if (!isNonEmptyText(author.name)) problem('author.name', 'is required');
    if (!isAbsoluteHttpUrl(author.url)) problem('author.url', 'must be an absolute http(s) URL');
  }

  const rating = doc.reviewRating;
  if (!isObject(rating)) problem('reviewRating', 'is required, an object');
  else {
    if (rating['@type'] !== 'Rating') problem('reviewRating.@type', 'must be Rating');
    if (!isNonEmptyText(rating.alternateName)) problem('reviewRating.alternateName', 'is required, non-empty text');
    if (rating.bestRating !== 6) problem('reviewRating.bestRating', 'must be 6');
    if (rating.worstRating !== 1) problem('reviewRating.worstRating', 'must be 1');
    if ('ratingValue' in rating) {
      const value = rating.ratingValue;
      if (typeof value !== 'number' || !Number.isInteger(value))
        problem('reviewRating.ratingValue', 'must be a number');
      else if (value < 1 || value > 6) problem('reviewRating.ratingValue', 'must lie within worstRating..bestRating');
    }
  }

  const item = doc.itemReviewed;
  if (!isObject(item)) problem('itemReviewed', 'must be an object');
  else {
    if (item['@type'] !== 'Claim') problem('itemReviewed.@type', 'must be Claim');
    if ('author' in item) {
      const claimant = item.author;
      if (!isObject(claimant)) problem('itemReviewed.author', 'must be an object');
      else {
        if (claimant['@type'] !== 'Person' && claimant['@type'] !== 'Organization') {
          problem('itemReviewed.author.@type', 'must be Person or Organization');
        }
        if (!isNonEmptyText(claimant.name)) problem('itemReviewed.author.name', 'is required');
        if ('jobTitle' in claimant && !isNonEmptyText(claimant.jobTitle)) {
          problem('itemReviewed.author.jobTitle', 'must be non-empty text when present');
        }
      }
    }
    if ('datePublished' in item && (typeof item.datePublished !== 'string' || !isoDate.test(item.datePublished))) {
      problem('itemReviewed.datePublished', 'must be an ISO 8601 date');
    }
    if (!Array.isArray(item.appearance)) problem('itemReviewed.appearance', 'must be a list');
    else {
      (item.appearance as unknown[]).forEach((work, index) => {
        if (!isObject(work) || work['@type'] !== 'CreativeWork') {
          problem(`itemReviewed.appearance[${index}]`, 'must be a CreativeWork');
        } else if (!isAbsoluteHttpUrl(work.url)) {
          problem(`itemReviewed.appearance[${index}].url`, 'must be an absolute http(s) URL');
        }
      });
    }
  }

  if ('correction' in doc) {
    if (!Array.isArray(doc.correction)) problem('correction', 'must be a list');
    else {
      (doc.correction as unknown[]).forEach((comment, index) => {
        if (!isObject(comment) || comment['@type'] !== 'CorrectionComment') {
          problem(`correction[${index}]`, 'must be a CorrectionComment');
        } else {
          if (!isNonEmptyText(comment.text)) problem(`correction[${index}].text`, 'is required');
          if (typeof comment.datePublished !== 'string' || !isoDateTime.test(comment.datePublished)) {
            problem(`correction[${index}].datePublished`, 'must be an ISO 8601 date-time');
          }
        }
      });
    }
  }
  return problems;
}

// ----- fixtures ----------------------------------------------------------------

const site = { publicUrl: 'https://factcheck.example.org', organizationName: 'Example Fact Desk' };
const claimId = '5b0c3c5e-8d1f-4a4e-9c11-0f6f1e2a3b4c';

function aClaimRow(overrides: Partial<ReviewedClaimView> = {}): ReviewedClaimView {
  return {
    id: claimId,
    text: 'The council spent 40 percent more on bus lanes than it budgeted.',
    headline: 'Did the council overspend on bus lanes by 40%?',
    claimDate: '2024-03-05',
    claimantName: 'Ana Ruiz',
    claimantRole: 'Mayor of Riverton',
    appearanceUrls: ['https://news.example.com/articles/1', 'https://video.example.net/watch?v=abc'],
    ...overrides,
  };
}

function aReviewRow(version: number, overrides: Partial<ReviewRow> = {}): ReviewRow {
  return {
    id: `00000000-0000-4000-8000-00000000000${version}`,
    claimId,
    version,
    claimVersion: 3 + version * 3,
    rating: 'false',
    summary: 'The budget was overspent by 12 percent, not 40.',
    correctionNote: version === 1 ? null : `Correction ${version}: the figures were revised.`,
    publishedAt: new Date(Date.UTC(2024, 3, version, 12, 30, 0, 250)),
    publishedById: '7e6b0f9e-0c5e-4c61-9a40-3d0f1f0c2b11',
    publishedByName: 'Edie Editor',
    ...overrides,
  };
}

const expectedValues: Record<Rating, number | null> = {
  true: 6,
  mostly_true: 5,
  half_true: 4,
  misleading: 3,
  mostly_false: 2,
  false: 1,
  unverifiable: null,
};

const claimVariants: [string, Partial<ReviewedClaimView>][] = [
  ['a claimant with a role, a date and appearances', {}],
  ['a claimant without a role', { claimantRole: null }],
  ['no claimant', { claimantName: null, claimantRole: null }],
  ['no claim date', { claimDate: null }],
  ['no appearances', { appearanceUrls: [] }],
  ['no headline', { headline: null }],
  [
    'nothing but the text',
    { headline: null, claimantName: null, claimantRole: null, claimDate: null, appearanceUrls: [] },
  ],
];

// ----- specs --------------------------------------------------------------------

describe('toClaimReview', () => {
  describe('the validator itself', () => {
    it('accepts a complete document and names what a broken one lacks', () => {
      const good = toClaimReview(aClaimRow(), [aReviewRow(1)], site);
      expect(claimReviewProblems(good, site)).toEqual([]);

      const broken = {
        ...good,
        '@context': 'http://schema.org',
        claimReviewed: ' ',
        headline: '',
        url: '/claims/x',
        reviewRating: { '@type': 'Rating', ratingValue: 7, bestRating: 6, worstRating: 1, alternateName: '' },
        itemReviewed: { '@type': 'Claim', appearance: [{ '@type': 'CreativeWork', url: 'not a url' }] },
      };
      expect(claimReviewProblems(broken, site)).toEqual([
        '@context: must be https://schema.org',
        'claimReviewed: is required, non-empty text',
        'headline: must be non-empty text when present',
        'url: is required, an absolute http(s) URL',
        'reviewRating.alternateName: is required, non-empty text',
        'reviewRating.ratingValue: must lie within worstRating..bestRating',
        'itemReviewed.appearance[0].url: must be an absolute http(s) URL',
      ]);
      expect(claimReviewProblems({ ...good, url: 'https://elsewhere.example.com/claims/x' }, site)).toEqual([
        'url: must be under https://factcheck.example.org',
      ]);
    });
  });

  describe.each(ratings)('rated %s', (rating) => {
    it.each(claimVariants)('with %s: valid Fact Check markup', (_label, overrides) => {
      const claim = aClaimRow(overrides);
      const doc = toClaimReview(claim, [aReviewRow(1, { rating })], site);

      expect(claimReviewProblems(doc, site)).toEqual([]);
      // What the markup then says, field by field.
      expect(doc['@context']).toBe('https://schema.org');
      expect(doc['@type']).toBe('ClaimReview');
      expect(doc.claimReviewed).toBe(claim.text);
      expect(doc.reviewBody).toBe('The budget was overspent by 12 percent, not 40.');
      if (claim.headline === null) expect(doc).not.toHaveProperty('headline');
      else expect(doc.headline).toBe(claim.headline);
      expect(doc.url).toBe(`${site.publicUrl}/fact-checks/${claimId}`);
      expect(doc.author).toEqual({ '@type': 'Organization', name: site.organizationName, url: site.publicUrl });
      expect(doc.datePublished).toBe('2024-04-01T12:30:00.250Z');
      expect(doc.dateModified).toBe(doc.datePublished);
      expect(doc.reviewRating).toMatchObject({ '@type': 'Rating', bestRating: 6, worstRating: 1 });
      expect(doc).not.toHaveProperty('correction');

      const item = doc.itemReviewed;
      expect(item['@type']).toBe('Claim');
      if (claim.claimantName === null) expect(item).not.toHaveProperty('author');
      else {
        expect(item.author).toEqual({
          '@type': 'Person',
          name: claim.claimantName,
          ...(claim.claimantRole === null ? {} : { jobTitle: claim.claimantRole }),
        });
        if (claim.claimantRole === null) expect(item.author).not.toHaveProperty('jobTitle');
      }
      if (claim.claimDate === null) expect(item).not.toHaveProperty('datePublished');
      else expect(item.datePublished).toBe(claim.claimDate);
      expect(item.appearance).toEqual(claim.appearanceUrls.map((url) => ({ '@type': 'CreativeWork', url })));
    });

    it('maps the rating onto the 6..1 scale of PRODUCT.md', () => {
      const { reviewRating } = toClaimReview(aClaimRow(), [aReviewRow(1, { rating })], site);
      const expected = expectedValues[rating];
      if (expected === null) expect(reviewRating).not.toHaveProperty('ratingValue');
      else expect(reviewRating.ratingValue).toBe(expected);
      expect(reviewRating.alternateName.trim()).not.toBe('');
    });
  });

  it('gives every rating its own ratingValue and alternateName, best to worst', () => {
    const docs = ratings.map((rating) => toClaimReview(aClaimRow(), [aReviewRow(1, { rating })], site));
    const numeric = docs.slice(0, 6).map((doc) => doc.reviewRating.ratingValue);
    expect(numeric).toEqual([6, 5, 4, 3, 2, 1]);
    expect(new Set(docs.map((doc) => doc.reviewRating.alternateName)).size).toBe(ratings.length);
  });

  it('unverifiable carries no ratingValue, only alternateName Unverifiable', () => {
    const doc = toClaimReview(aClaimRow(), [aReviewRow(1, { rating: 'unverifiable' })], site);
    expect(doc.reviewRating).toEqual({
      '@type': 'Rating',
      bestRating: 6,
      worstRating: 1,
      alternateName: 'Unverifiable',
    });
    expect(JSON.parse(JSON.stringify(doc))).not.toHaveProperty('reviewRating.ratingValue');
  });

  it('keeps a public URL with a path prefix in url and author.url', () => {
    const prefixed = { publicUrl: 'http://newsroom.example.com/factcheck', organizationName: 'Newsroom Checks' };
    const doc = toClaimReview(aClaimRow(), [aReviewRow(1)], prefixed);
    expect(claimReviewProblems(doc, prefixed)).toEqual([]);
    expect(doc.url).toBe(`http://newsroom.example.com/factcheck/fact-checks/${claimId}`);
    expect(doc.author.url).toBe(prefixed.publicUrl);
  });

  describe('corrections', () => {
    const versions = [
      aReviewRow(1, { rating: 'false' }),
      aReviewRow(2, { rating: 'mostly_false' }),
      aReviewRow(3, { rating: 'half_true', summary: 'Revised figures put the overspend near half of what was said.' }),
    ];

    it('date the review by its first version, modified at the latest, rated as the latest', () => {
      const doc = toClaimReview(aClaimRow(), versions, site);

      expect(claimReviewProblems(doc, site)).toEqual([]);
      expect(doc.datePublished).toBe(versions[0]!.publishedAt.toISOString());
      expect(doc.dateModified).toBe(versions[2]!.publishedAt.toISOString());
      expect(doc.version).toBe(3);
      expect(doc.reviewBody).toBe(versions[2]!.summary);
      expect(doc.reviewRating).toMatchObject({ ratingValue: 4, alternateName: 'Half true' });
    });

    it('list one CorrectionComment per correction, oldest first', () => {
      const doc: ClaimReviewJsonLd = toClaimReview(aClaimRow(), versions, site);

      expect(doc.correction).toEqual([
        {
          '@type': 'CorrectionComment',
          text: 'Correction 2: the figures were revised.',
          datePublished: versions[1]!.publishedAt.toISOString(),
        },
        {
          '@type': 'CorrectionComment',
          text: 'Correction 3: the figures were revised.',
          datePublished: versions[2]!.publishedAt.toISOString(),
        },
      ]);
    });

    it('a single correction of an unverifiable claim without claimant is still valid markup', () => {
      const doc = toClaimReview(
        aClaimRow({ claimantName: null, claimantRole: null, claimDate: null, appearanceUrls: [] }),
        [aReviewRow(1), aReviewRow(2, { rating: 'unverifiable' })],
        site,
      );
      expect(claimReviewProblems(doc, site)).toEqual([]);
      expect(doc.correction).toHaveLength(1);
      expect(doc.reviewRating).not.toHaveProperty('ratingValue');
    });
  });
});
