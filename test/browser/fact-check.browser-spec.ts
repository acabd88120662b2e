import {
  BrowserWorld,
  describeInBrowser,
  screenshot,
  seriousViolations,
  watchForScripts,
  type WebUser,
} from '../support/browser-harness';

/**
 * The public fact-check page, as a reader without an account meets it on a
 * phone: the verdict at a glance, the ClaimReview JSON-LD search engines read,
 * and third-party text (the claim, as said) shown, never run.
 */
describeInBrowser('the public fact-check page', () => {
  let world: BrowserWorld;
  let editor: WebUser;
  let reviewers: WebUser[];

  beforeAll(async () => {
    world = await BrowserWorld.start();
    [editor, ...reviewers] = await Promise.all([world.user('editor'), world.user('reviewer'), world.user('reviewer')]);
  });

  afterAll(async () => {
    await world?.close();
  });

  it('shows a published review to a reader at 390 px, with its JSON-LD, and runs none of its text', async () => {
    const hostile = 'The mayor said </script><script>alert(1)</script> bus fares fell by half & more.';
    const { body: claim } = await world.api.request<{ id: string }>('POST', '/api/v1/claims', {
      token: editor.token,
      body: { text: hostile, headline: 'Did bus fares fall by half?', claimant: { name: 'Ana Ruiz', role: 'Mayor' } },
    });
    await world.publish(claim.id, { editor, reviewers }, { rating: 'false', summary: 'Fares fell by 8 percent.' });

    const context = await world.browser.newContext({ baseURL: world.baseUrl, viewport: { width: 390, height: 844 } });
    const incidents = watchForScripts(context);
    const page = await context.newPage();
    const response = await page.goto(`/fact-checks/${claim.id}`);

    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`/fact-checks/${claim.id}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Did bus fares fall by half?');
    await expect(page.locator('.fact-check__rating').textContent()).resolves.toBe('False');
    await expect(page.locator('.fact-check__claim q').textContent()).resolves.toBe(hostile);
    await expect(page.getByText('Fares fell by 8 percent.').count()).resolves.toBe(1);
    const jsonLd: unknown = JSON.parse(
      (await page.locator('script[type="application/ld+json"]').textContent()) ?? 'null',
    );
    const api = await world.api.request('GET', `/api/v1/claims/${claim.id}/claim-review`);
    expect(jsonLd).toEqual(api.body);
    expect(jsonLd).toMatchObject({ claimReviewed: hostile });
    expect((jsonLd as { url: string }).url.endsWith(`/fact-checks/${claim.id}`)).toBe(true);
    // Nothing wider than a phone: no sideways scroll.
    const widths = await page.evaluate<number[]>('[document.documentElement.scrollWidth, window.innerWidth]');
    expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
    expect(await seriousViolations(page)).toEqual([]);
    expect(incidents).toEqual([]);
    await screenshot(page, 'fact-check-390');
    await context.close();
  });
});
