import type { ClaimReviewJsonLd } from '@claimdesk/reviews';
import { factCheckPageView, scriptSafeJson } from './fact-check-page.view-model';

function aReview(overrides: Partial<ClaimReviewJsonLd> = {}): ClaimReviewJsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: 'https://factcheck.example.org/fact-checks/5b0c3c5e-8d1f-4a4e-9c11-0f6f1e2a3b4c',
    headline: 'Did the council overspend on bus lanes?',
    claimReviewed: 'The council spent 40 percent more on bus lanes than it budgeted.',
    reviewBody: 'The overspend was 12 percent.',
    datePublished: '2026-04-01T12:30:00.000Z',
    dateModified: '2026-04-01T12:30:00.000Z',
    author: { '@type': 'Organization', name: 'Example Fact Desk', url: 'https://factcheck.example.org' },
    reviewRating: { '@type': 'Rating', ratingValue: 1, bestRating: 6, worstRating: 1, alternateName: 'False' },
    itemReviewed: {
      '@type': 'Claim',
      author: { '@type': 'Person', name: 'Ana Ruiz', jobTitle: 'Mayor' },
      datePublished: '2026-03-05',
      appearance: [
        { '@type': 'CreativeWork', url: 'https://news.example.com/a' },
        { '@type': 'CreativeWork', url: 'javascript:alert(1)' },
      ],
    },
    version: 1,
    ...overrides,
  };
}

describe('the public fact-check page', () => {
  it('shows the headline, claim, claimant, rating and summary of the review', () => {
    const view = factCheckPageView(aReview());

    expect(view).toMatchObject({
      title: 'Did the council overspend on bus lanes?',
      claim: 'The council spent 40 percent more on bus lanes than it budgeted.',
      claimant: 'Ana Ruiz, Mayor',
      claimDate: '2026-03-05',
      rating: 'False',
      ratingValue: 1,
      summary: 'The overspend was 12 percent.',
      modifiedAt: null,
      corrections: [],
    });
    expect(view.appearances).toEqual([
      { url: 'https://news.example.com/a', isLink: true },
      { url: 'javascript:alert(1)', isLink: false },
    ]);
  });

  it('titles a review without headline by its claim, and lists corrections with their dates', () => {
    const view = factCheckPageView(
      aReview({
        headline: undefined,
        claimReviewed: 'x'.repeat(120),
        dateModified: '2026-05-01T00:00:00.000Z',
        correction: [
          { '@type': 'CorrectionComment', text: 'Figures revised.', datePublished: '2026-05-01T00:00:00.000Z' },
        ],
      }),
    );

    expect(view.headline).toBeNull();
    expect(view.title).toBe(`Fact-check: “${'x'.repeat(79)}…”`);
    expect(view.modifiedAt).toBe('2026-05-01T00:00:00.000Z');
    expect(view.corrections).toEqual([{ text: 'Figures revised.', at: '2026-05-01T00:00:00.000Z' }]);
  });

  it('embeds JSON-LD no text of the review can close or break out of', () => {
    const hostile = aReview({ claimReviewed: '</script><script>alert(1)</script> & \u2028' });
    const json = scriptSafeJson(hostile);

    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(hostile);
    expect(factCheckPageView(hostile).jsonLd).toBe(json);
  });
});
