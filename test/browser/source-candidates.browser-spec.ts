import { randomBytes } from 'node:crypto';
import { eventually } from '@claimdesk/testing';
import {
  BrowserWorld,
  describeInBrowser,
  screenshot,
  seriousViolations,
  watchForScripts,
  type WebUser,
} from '../support/browser-harness';
import { ferryArticle, ferryArticleText } from '../support/ferry-article';

interface CandidatePage {
  items: { id: string; text: string; score: number; speaker: { name: string | null } | null }[];
  extraction: { status: string };
}

describeInBrowser('candidate claims on the source page', () => {
  let world: BrowserWorld;
  let reviewer: WebUser;

  beforeAll(async () => {
    world = await BrowserWorld.start();
    reviewer = await world.user('reviewer');
  });

  afterAll(async () => {
    await world?.close();
  });

  /** Registers a source through the API; with `extractClaims`, waits until its candidates are in. */
  async function aSource(body: Record<string, unknown>): Promise<string> {
    const response = await world.api.request<{ id: string }>('POST', '/api/v1/sources', {
      token: reviewer.token,
      body: { url: `https://news.example.org/${randomBytes(5).toString('hex')}/ferry-fares`, ...body },
    });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  const candidatesOf = (sourceId: string) =>
    world.api.request<CandidatePage>('GET', `/api/v1/sources/${sourceId}/candidates?limit=100`, {
      token: reviewer.token,
    });

  async function extractedArticle(): Promise<string> {
    const id = await aSource({ title: ferryArticle.title, text: ferryArticleText, extractClaims: true });
    await eventually(
      async () => ((await candidatesOf(id)).body.extraction.status === 'done' ? true : undefined),
      30_000,
      'the extraction',
    );
    return id;
  }

  it('shows a reviewer the candidates ranked with their speakers, and promotes one to a claim', async () => {
    const sourceId = await extractedArticle();
    const page = await world.loggedIn(reviewer);
    const incidents = watchForScripts(page.context());

    await page.goto(`/sources/${sourceId}`);

    const panel = page.locator('#candidates');
    await expect(panel.getByRole('heading', { level: 2 }).textContent()).resolves.toBe('Candidate claims');
    await expect(panel.getAttribute('hx-trigger')).resolves.toBeNull();
    const items = panel.locator('li.candidate');
    const count = await items.count();
    expect(count).toBe((await candidatesOf(sourceId)).body.items.length);
    expect(count).toBeGreaterThanOrEqual(3);
    const meters = items.locator('meter');
    const scores: number[] = [];
    for (let index = 0; index < count; index++) scores.push(Number(await meters.nth(index).getAttribute('value')));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const hallsten = items.filter({ hasText: 'Said by Ingrid Hallsten' }).filter({ hasText: '3.4 million euros' });
    await expect(hallsten.count()).resolves.toBe(1);
    await expect(hallsten.locator('.kind').textContent()).resolves.toBe('Quote');
    await expect(hallsten.locator('.candidate__speaker').textContent()).resolves.toMatch(
      /^Said by Ingrid Hallsten, .*finance director/,
    );
    const marked = await hallsten.locator('mark').textContent();
    expect(marked).toContain('3.4 million euros');
    await expect(hallsten.locator('.candidate__text').textContent()).resolves.toBe(`“${marked}”`);
    // Statements nobody is named for say so.
    await expect(items.filter({ hasText: /Speaker unknown|Anonymous: / }).count()).resolves.toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'source-candidates');

    await Promise.all([
      page.waitForURL(/\/claims\/[0-9a-f-]{36}$/),
      hallsten.getByRole('button', { name: 'Promote to claim' }).click(),
    ]);

    const claimUrl = new URL(page.url()).pathname;
    // The claim is the quote without the comma it breaks off at ("…budget," said Ingrid Hallsten).
    await expect(page.locator('h1').textContent()).resolves.toBe(`“${marked!.replace(/,$/, '')}”`);
    await expect(page.locator('.claim-facts').textContent()).resolves.toContain('Ingrid Hallsten');
    await page.locator('#checks .check .status--found').first().waitFor({ timeout: 30_000 });
    await expect(page.locator('#checks mark').first().textContent()).resolves.toContain('3.4 million euros last year');

    await page.goto(`/sources/${sourceId}`);
    const promoted = page
      .locator('#candidates li.candidate')
      .filter({ hasText: '3.4 million euros' })
      .getByRole('link', { name: 'Promoted to a claim' });
    await expect(promoted.getAttribute('href')).resolves.toBe(claimUrl);
    await expect(
      page.locator('#candidates li.candidate').filter({ hasText: '3.4 million euros' }).getByRole('button').count(),
    ).resolves.toBe(0);
    expect(incidents).toEqual([]);
  });

  it('shows the extraction live while it is pending, and a reload without JavaScript shows the same', async () => {
    const page = await world.loggedIn(reviewer);
    const incidents = watchForScripts(page.context());
    // The fixture site answers after 2.5 s, so the page opens while the source is fetched and not yet extracted.
    const sourceId = await aSource({ url: world.site.url('/slow-headers?ms=2500'), extractClaims: true });

    await page.goto(`/sources/${sourceId}`);

    const panel = page.locator('#candidates');
    await expect(panel.getAttribute('hx-trigger')).resolves.toBe('every 1s');
    await expect(panel.locator('.candidates__status .status').textContent()).resolves.toBe('Extracting');
    await expect(panel.locator('#candidates-progress').textContent()).resolves.toMatch(/fetched/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.evaluate('window.sameDocument = true');

    await page.locator('#candidates .candidates__status .status--fetched').waitFor({ timeout: 30_000 });

    await expect(page.evaluate('window.sameDocument')).resolves.toBe(true);
    await expect(panel.getAttribute('hx-trigger')).resolves.toBeNull();
    await expect(panel.locator('.candidates__status .status').textContent()).resolves.toBe('Done');
    await expect(panel.locator('li.candidate').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('#candidates-status').textContent()).resolves.toMatch(/^Extraction done: \d+ candidate/);
    expect(incidents).toEqual([]);

    const noScript = await world.loggedIn(reviewer, { javaScriptEnabled: false });
    await noScript.goto(`/sources/${sourceId}`);
    await expect(noScript.locator('#candidates .candidates__status .status').textContent()).resolves.toBe('Done');
    await expect(noScript.locator('#candidates li.candidate').count()).resolves.toBe(
      await panel.locator('li.candidate').count(),
    );
  });

  it('offers to extract claims from a source nobody asked for, and extracts them on request', async () => {
    const sourceId = await aSource({ title: ferryArticle.title, text: ferryArticleText });
    const page = await world.loggedIn(reviewer);

    await page.goto(`/sources/${sourceId}`);
    const panel = page.locator('#candidates');
    await expect(panel.locator('.candidates__status .status').textContent()).resolves.toBe('Not requested');
    await expect(panel.locator('li.candidate').count()).resolves.toBe(0);

    await Promise.all([
      page.waitForURL((url) => url.searchParams.get('done') === 'extraction'),
      panel.getByRole('button', { name: 'Extract claims' }).click(),
    ]);

    await expect(page.locator('.notice').textContent()).resolves.toContain('Claim extraction requested');
    await page.locator('#candidates li.candidate').first().waitFor({ timeout: 30_000 });
    await expect(page.locator('#candidates').getByRole('button', { name: 'Extract claims' }).count()).resolves.toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows hostile text in candidates as text: nothing runs', async () => {
    const payload = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const text = `"Prices rose by 40 percent ${payload} in a year," said Ada Vance, the market's director.`;
    const sourceId = await aSource({ text, extractClaims: true });
    await eventually(
      async () => ((await candidatesOf(sourceId)).body.extraction.status === 'done' ? true : undefined),
      30_000,
      'the extraction',
    );
    const page = await world.loggedIn(reviewer);
    const incidents = watchForScripts(page.context());

    await page.goto(`/sources/${sourceId}`);

    const panel = page.locator('#candidates');
    await expect(panel.locator('li.candidate').first().textContent()).resolves.toContain(payload);
    await expect(panel.locator('script, img').count()).resolves.toBe(0);
    expect(incidents).toEqual([]);
  });

  it('shows a submitter the source page without the candidates', async () => {
    const sourceId = await extractedArticle();
    const page = await world.loggedIn(await world.user('submitter'));

    await page.goto(`/sources/${sourceId}`);

    await expect(page.locator('h1').textContent()).resolves.toBe(ferryArticle.title);
    await expect(page.locator('#candidates').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Promote to claim' }).count()).resolves.toBe(0);
    const refused = await page.goto(`/sources/${sourceId}/candidates`);
    expect(refused?.status()).toBe(403);
  });
});
