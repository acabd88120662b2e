import type { BrowserContext, Page } from 'playwright-core';
import { eventually, fixtureArticle, fixtureArticleHtml, type FixtureArticle } from '@claimdesk/testing';
import { BrowserWorld, describeInBrowser, logIn, screenshot, type WebUser } from '../support/browser-harness';

interface SourceJson {
  id: string;
  fetchStatus: string;
}

/** A path with no place to break: what a tracking link or a CMS id looks like. */
const unbrokenPath = `/archive/HarbourRedevelopmentFinalAuditAppendixB${'0123456789abcdefABCDEF'.repeat(8)}`;
const unbrokenWord = `Pneumonoultramicroscopicsilicovolcanoconiosis${'Harbourwallreconstructionoverrun'.repeat(3)}`;

/**
 * The desk on a phone (390 px wide): the claim page, the queue and a source
 * page must fit the width with no sideways scroll, filled with what real desks
 * hold: an unbroken URL, long quotes and words, several evidence rows, a queue
 * with every column.
 */
describeInBrowser('the desk at phone width', () => {
  let world: BrowserWorld;
  let editor: WebUser;
  let reviewers: WebUser[];
  let phone: BrowserContext;
  let page: Page;
  let claimId: string;
  let sourceId: string;

  async function api<T = Record<string, unknown>>(method: string, path: string, token: string, body?: unknown) {
    const response = await world.api.request<T>(method, `/api/v1${path}`, { token, body });
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${response.text}`);
    return response.body;
  }

  /** Serves `article` at `path` on the fixture site. */
  function serve(path: string, article: FixtureArticle): string {
    world.site.setPage(path, { type: 'text/html; charset=utf-8', body: fixtureArticleHtml(article) });
    return world.site.url(path);
  }

  async function fetched(id: string): Promise<void> {
    await eventually(
      async () =>
        (await api<SourceJson>('GET', `/sources/${id}`, editor.token)).fetchStatus === 'pending' ? undefined : true,
      20_000,
      `source ${id} fetched`,
    );
  }

  beforeAll(async () => {
    world = await BrowserWorld.start();
    [editor, ...reviewers] = await Promise.all([world.user('editor'), world.user('reviewer'), world.user('reviewer')]);

    // The claim: long text with an unbroken word, a long claimant role, an
    // appearance at an unbroken URL quoting a whole paragraph.
    const cited = fixtureArticle(11);
    const citedUrl = serve(`${unbrokenPath}-${'x'.repeat(40)}`, cited);
    const paragraph = cited.text.find((text) => text.includes(cited.quote))!;
    const claim = await api<{ id: string; appearances: { sourceId: string }[] }>('POST', '/claims', editor.token, {
      text: `${cited.quote} ${unbrokenWord} — and the overrun was ${'very '.repeat(40)}large.`,
      headline: `Did the harbour authority promise ${unbrokenWord}?`,
      claimant: {
        name: `${cited.speaker} ${unbrokenWord.slice(0, 30)}`,
        role: 'Deputy Chief Executive for Infrastructure, Regeneration and Coastal Resilience of the Harbour Authority',
      },
      tags: ['harbour', 'infrastructure-and-regeneration-spending', unbrokenWord.slice(0, 50).toLowerCase()],
      appearance: { url: citedUrl, quote: paragraph },
    });
    claimId = claim.id;
    sourceId = claim.appearances[0]!.sourceId;
    await fetched(sourceId);
    await api('POST', `/claims/${claimId}/transitions`, editor.token, { to: 'in_review' });
    for (const reviewer of reviewers) {
      await api('POST', `/claims/${claimId}/assignments`, editor.token, { reviewerEmail: reviewer.email });
    }

    // Several evidence rows, each from an unbroken URL, with long excerpts and notes.
    for (const [index, stance] of (['supports', 'refutes', 'context', 'refutes'] as const).entries()) {
      const article = fixtureArticle(20 + index);
      const url = serve(`${unbrokenPath}/evidence${index}${'Q'.repeat(60)}`, article);
      await api('POST', `/claims/${claimId}/evidence`, reviewers[0]!.token, {
        url,
        stance,
        excerpt: article.text[1]!,
        note: `See ${url} and ${unbrokenWord} in the annex, paragraph ${index + 4}.`,
      });
    }
    // Disagreeing verdicts, so the split flag and the verdict count show.
    await api('POST', `/claims/${claimId}/verdicts`, reviewers[0]!.token, {
      rating: 'mostly_false',
      rationale: `The audit (${citedUrl}) says otherwise: ${unbrokenWord}.`,
    });
    await api('POST', `/claims/${claimId}/verdicts`, reviewers[1]!.token, {
      rating: 'true',
      rationale: 'The authority’s own figures bear it out.',
    });

    // A queue with every column filled: more claims with long tags and claimants.
    for (let index = 0; index < 6; index++) {
      const article = fixtureArticle(40 + index);
      await api('POST', '/claims', editor.token, {
        text: `${article.quote} ${unbrokenWord.slice(0, 40 + index * 10)}`,
        claimant: { name: article.speaker, role: 'Chair of the Joint Committee on Harbour Finances and Procurement' },
        tags: ['harbour', `tag-without-breaks-${'abcdefghij'.repeat(3)}`],
      });
    }

    phone = await world.browser.newContext({ baseURL: world.baseUrl, viewport: { width: 390, height: 844 } });
    page = await phone.newPage();
    await logIn(page, editor);
  });

  afterAll(async () => {
    await phone?.close();
    await world?.close();
  });

  /**
   * The page at `path`: how far the document is wider than the window (0 when
   * it fits), and when it is not, the elements reaching its right edge, to say
   * what to fix.
   */
  async function overflowOf(path: string): Promise<{ overflow: number; culprits: string[]; innerWidth: number }> {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    return page.evaluate(`(() => {
      const innerWidth = window.innerWidth;
      const scrollWidth = document.documentElement.scrollWidth;
      const culprits = scrollWidth <= innerWidth ? [] : [...document.querySelectorAll('body *')]
        .filter((element) => Math.ceil(element.getBoundingClientRect().right) >= scrollWidth - 1)
        .slice(0, 5)
        .map((element) => element.tagName.toLowerCase() + (element.className ? '.' + String(element.className).split(' ').join('.') : ''));
      return { overflow: Math.max(0, scrollWidth - innerWidth), culprits, innerWidth };
    })()`);
  }

  it('fits the claim page in 390 px with no sideways scroll', async () => {
    const { overflow, culprits, innerWidth } = await overflowOf(`/claims/${claimId}`);
    await screenshot(page, 'claim-page-390');

    expect(innerWidth).toBe(390);
    // scrollWidth <= innerWidth, with what sticks out named when it does not.
    expect({ overflow, culprits }).toEqual({ overflow: 0, culprits: [] });
    // The content is there: the unbroken URL and all four evidence rows.
    await expect(page.locator('main').textContent()).resolves.toContain(unbrokenPath);
    await expect(page.locator('main').textContent()).resolves.toContain('evidence3');
  });

  it('fits the queue, with every column and a search, in 390 px with no sideways scroll', async () => {
    for (const path of ['/claims', '/claims?q=deliver&limit=5', '/claims?split=true&sort=status_age']) {
      const { overflow, culprits } = await overflowOf(path);
      expect({ path, overflow, culprits }).toEqual({ path, overflow: 0, culprits: [] });
    }
    await page.goto('/claims?q=deliver&limit=5');
    await expect(page.locator('.queue-table tbody tr').count()).resolves.toBe(5);
    await expect(page.getByRole('link', { name: 'Next page' }).count()).resolves.toBe(1);
    await screenshot(page, 'claims-queue-390');
  });

  it('fits the source page in 390 px with no sideways scroll', async () => {
    const { overflow, culprits } = await overflowOf(`/sources/${sourceId}`);
    await screenshot(page, 'source-page-390');

    expect({ overflow, culprits }).toEqual({ overflow: 0, culprits: [] });
    await expect(page.locator('main').textContent()).resolves.toContain(unbrokenPath);
  });
});
