import type { Locator, Page } from 'playwright-core';
import { fixtureArticle } from '@claimdesk/testing';
import {
  BrowserWorld,
  describeInBrowser,
  screenshot,
  seriousViolations,
  watchForScripts,
  type WebUser,
} from '../support/browser-harness';

interface ClaimJson {
  id: string;
  text: string;
  status: string;
  appearances: { sourceId: string; url: string; quote: string | null }[];
}

interface SimilarJson {
  id: string;
  score: number;
  match: 'exact' | 'near' | 'related';
  ratingName?: string | null;
}

interface ClaimDetailJson extends ClaimJson {
  similar: SimilarJson[];
}

interface ClaimPageJson {
  items: { id: string }[];
  nextCursor: string | null;
}

/**
 * Claim matching as users meet it: related claims (with their published
 * rating and the numbers or negations that differ) on the claim page, and the
 * submission form's "This claim may already be recorded" panel, which offers
 * to add the new source to the existing claim instead of recording it twice.
 */
describeInBrowser('claim matching on the claim page and the submission form', () => {
  let world: BrowserWorld;
  let editor: WebUser;
  let reviewers: [WebUser, WebUser];
  let submitter: WebUser;

  beforeAll(async () => {
    world = await BrowserWorld.start();
    const [anEditor, first, second, aSubmitter] = await Promise.all([
      world.user('editor'),
      world.user('reviewer'),
      world.user('reviewer'),
      world.user('submitter'),
    ]);
    [editor, reviewers, submitter] = [anEditor, [first, second], aSubmitter];
  });

  afterAll(async () => {
    await world?.close();
  });

  async function api<T = Record<string, unknown>>(method: string, path: string, token: string, body?: unknown) {
    const response = await world.api.request<T>(method, `/api/v1${path}`, { token, body });
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${response.text}`);
    return response.body;
  }

  const submit = (body: Record<string, unknown>) => api<ClaimJson>('POST', '/claims', editor.token, body);

  const claimOf = (id: string) => api<ClaimDetailJson>('GET', `/claims/${id}`, editor.token);

  async function publish(claim: ClaimJson, rating: string): Promise<void> {
    await world.publish(
      claim.id,
      { editor, reviewers },
      { rating, summary: 'The budget raises some taxes for working families and cuts others.' },
    );
    expect((await claimOf(claim.id)).status).toBe('published');
  }

  /** Every claim in the database, counted through the API's list (pages of 100). */
  async function claimCount(): Promise<number> {
    let count = 0;
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const page: ClaimPageJson = await api<ClaimPageJson>('GET', `/claims?limit=100${query}`, editor.token);
      count += page.items.length;
      cursor = page.nextCursor;
    } while (cursor !== null);
    return count;
  }

  /** The claim page's "Related claims" entry that links to `text`. */
  function relatedEntry(page: Page, text: string): Locator {
    return page
      .getByRole('region', { name: 'Related claims' })
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: text, exact: true }) });
  }

  /** The duplicates panel of the submission form. */
  const duplicatesPanel = (page: Page): Locator =>
    page.getByRole('region', { name: 'This claim may already be recorded' });

  /** Fills the submission form: the claim, and optionally where it appeared. */
  async function fillForm(page: Page, values: { text: string; url?: string; quote?: string }): Promise<void> {
    await page.getByLabel('Claim', { exact: true }).fill(values.text);
    if (values.url !== undefined) await page.getByLabel(/^Source URL/).fill(values.url);
    if (values.quote !== undefined) await page.getByLabel(/^Quote/).fill(values.quote);
  }

  /** Clicks the form's main button and waits for the page the POST answers with; returns its status. */
  async function post(page: Page, button: string): Promise<number> {
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => candidate.request().method() === 'POST'),
      page.getByRole('button', { name: button, exact: true }).click(),
    ]);
    await page.waitForLoadState();
    return response.status();
  }

  /**
   * The duplicate flow, the same with and without JavaScript: the panel
   * instead of a new claim, then the source added to the existing claim,
   * then "Submit as a new claim" recording the claim anyway.
   */
  async function duplicateFlow(page: Page, existingText: string, article: number, shot: string): Promise<void> {
    const existing = await submit({
      text: existingText,
      claimant: { name: 'Ana Ruiz', role: 'Mayor of Riverton' },
      appearance: { url: world.site.url(`/articles/${article}`), quote: fixtureArticle(article).quote },
    });
    const cited = fixtureArticle(article + 1);
    const typed = { text: existingText, url: world.site.url(cited.path), quote: cited.quote };
    const before = await claimCount();

    await page.goto('/claims/new');
    await fillForm(page, typed);
    expect(await post(page, 'Submit the claim')).toBe(200);

    // The form comes back, not in error, with the panel: nothing was created.
    expect(new URL(page.url()).pathname).toBe('/claims');
    await expect(page.title()).resolves.toBe('Possible duplicate: submit a claim – Claimdesk');
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
    const panel = duplicatesPanel(page);
    await expect(panel.isVisible()).resolves.toBe(true);
    await expect(panel.textContent()).resolves.toContain('Nothing was submitted yet.');
    const entries = panel.getByRole('listitem');
    await expect(entries.count()).resolves.toBe(1);
    const entry = entries.first();
    await expect(entry.getByRole('link', { name: existingText, exact: true }).getAttribute('href')).resolves.toBe(
      `/claims/${existing.id}`,
    );
    await expect(entry.locator('.status').textContent()).resolves.toBe('Submitted');
    await expect(entry.locator('.muted').textContent()).resolves.toBe('Same wording · Ana Ruiz');
    await expect(entry.locator('.rating').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Submit the claim', exact: true }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Submit as a new claim', exact: true }).count()).resolves.toBe(1);
    // What was typed is kept for "Submit as a new claim".
    await expect(page.getByLabel('Claim', { exact: true }).inputValue()).resolves.toBe(typed.text);
    await expect(page.getByLabel(/^Source URL/).inputValue()).resolves.toBe(typed.url);
    await expect(page.getByLabel(/^Quote/).inputValue()).resolves.toBe(typed.quote);
    expect(await claimCount()).toBe(before);
    await screenshot(page, shot);

    // The source goes to the existing claim, as another appearance.
    await Promise.all([
      page.waitForURL(
        (url) => url.pathname === `/claims/${existing.id}` && url.searchParams.get('done') === 'appearance',
      ),
      entry.getByRole('button', { name: 'Add your source to this claim instead' }).click(),
    ]);
    await expect(page.locator('.notice').textContent()).resolves.toContain(
      'Your source was added to this claim as another appearance',
    );
    const appearances = page.locator('#checks article[id^="appearance-"]');
    await expect(appearances.count()).resolves.toBe(2);
    const added = appearances.filter({ has: page.locator('.cited__quote', { hasText: cited.quote }) });
    await expect(added.count()).resolves.toBe(1);
    await expect(added.locator('.cited__title a').textContent()).resolves.toMatch(
      new RegExp(`^(${escape(cited.title)}|${escape(typed.url)})$`),
    );
    await expect(page.locator('#history').textContent()).resolves.toContain(
      `Added another appearance: “${cited.quote}”`,
    );
    expect(await claimCount()).toBe(before);
    const now = await claimOf(existing.id);
    expect(now.appearances.map((appearance) => [appearance.url, appearance.quote])).toEqual([
      [world.site.url(`/articles/${article}`), fixtureArticle(article).quote],
      [typed.url, typed.quote],
    ]);

    // Again, and this time it is recorded as a claim of its own.
    await page.goto('/claims/new');
    await fillForm(page, typed);
    expect(await post(page, 'Submit the claim')).toBe(200);
    await expect(duplicatesPanel(page).getByRole('listitem').count()).resolves.toBe(1);
    expect(await claimCount()).toBe(before);
    await Promise.all([
      page.waitForURL(/\/claims\/[0-9a-f-]{36}\?done=submitted$/),
      page.getByRole('button', { name: 'Submit as a new claim', exact: true }).click(),
    ]);
    const id = new URL(page.url()).pathname.split('/').at(-1)!;
    expect(id).not.toBe(existing.id);
    expect(await claimCount()).toBe(before + 1);
    await expect(page.locator('h1').textContent()).resolves.toBe(`“${existingText}”`);
    await expect(page.locator('.claim-header .status').textContent()).resolves.toBe('Submitted');
    const created = await claimOf(id);
    expect(created).toMatchObject({ text: existingText, status: 'submitted' });
    expect(created.appearances.map((appearance) => [appearance.url, appearance.quote])).toEqual([
      [typed.url, typed.quote],
    ]);
    // Its page names the claim it repeats.
    await expect(relatedEntry(page, existingText).locator('.muted').textContent()).resolves.toBe(
      'Same wording · Ana Ruiz',
    );
  }

  it('shows a published claim under Related claims with its rating and status', async () => {
    const published = await submit({
      text: 'The new budget cuts taxes for all working families.',
      claimant: { name: 'Helen Novak', role: 'Finance Minister' },
      tags: ['budget'],
    });
    await publish(published, 'false');
    const restated = await submit({ text: 'The budget will cut taxes for every working family.' });

    const page = await world.loggedIn(reviewers[0]);
    const incidents = watchForScripts(page.context());
    await page.goto(`/claims/${restated.id}`);
    const entry = relatedEntry(page, published.text);
    await expect(entry.count()).resolves.toBe(1);
    await expect(entry.getByRole('link').getAttribute('href')).resolves.toBe(`/claims/${published.id}`);
    await expect(entry.locator('.status').textContent()).resolves.toBe('Published');
    await expect(entry.locator('.rating').textContent()).resolves.toBe('Checked: False');

    // The kind and percentage are those the API reports for the same match.
    const similar = (await claimOf(restated.id)).similar.find((match) => match.id === published.id);
    expect(similar).toMatchObject({ ratingName: 'False' });
    const kind = similar!.match === 'near' ? 'Near duplicate' : similar!.match === 'exact' ? 'Same wording' : 'Related';
    await expect(entry.locator('.muted').textContent()).resolves.toBe(
      `${kind} (${Math.round(similar!.score * 100)}%) · Helen Novak`,
    );
    await expect(entry.locator('.conflicts').count()).resolves.toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(incidents).toEqual([]);
    await screenshot(page, 'claim-matching-related');

    // And the other way round: the published claim's page lists the restatement, unrated.
    await page.goto(`/claims/${published.id}`);
    const back = relatedEntry(page, restated.text);
    await expect(back.locator('.status').textContent()).resolves.toBe('Submitted');
    await expect(back.locator('.rating').count()).resolves.toBe(0);
  });

  it('says in words when a related claim’s numbers differ, or one of them is negated', async () => {
    const six = 'The council hired 6 new nurses in 2024.';
    const hundreds = await submit({ text: 'The council hired 600 new nurses in 2024.' });
    const fewer = await submit({ text: six });
    const cut = await submit({ text: 'The council did cut the library opening hours in 2023.' });
    const notCut = await submit({ text: 'The council did not cut the library opening hours in 2023.' });

    const page = await world.loggedIn(reviewers[1], { javaScriptEnabled: false });
    await page.goto(`/claims/${fewer.id}`);
    const numbers = relatedEntry(page, hundreds.text);
    await expect(numbers.count()).resolves.toBe(1);
    // 600 against 6 is no duplicate: listed as related, with the difference spelt out.
    await expect(numbers.locator('.muted').textContent()).resolves.toMatch(/^Related \(\d{1,2}%\)$/);
    await expect(numbers.locator('.conflicts li').allTextContents()).resolves.toEqual([
      'Numbers differ: this claim says 6, that one 600.',
    ]);

    await page.goto(`/claims/${hundreds.id}`);
    await expect(relatedEntry(page, six).locator('.conflicts li').allTextContents()).resolves.toEqual([
      'Numbers differ: this claim says 600, that one 6.',
    ]);

    await page.goto(`/claims/${notCut.id}`);
    const negated = relatedEntry(page, cut.text);
    await expect(negated.count()).resolves.toBe(1);
    await expect(negated.locator('.muted').textContent()).resolves.toMatch(/^Related \(\d{1,2}%\)$/);
    await expect(negated.locator('.conflicts li').allTextContents()).resolves.toEqual([
      'This claim says “did not”; that one does not.',
    ]);

    await page.goto(`/claims/${cut.id}`);
    await expect(relatedEntry(page, notCut.text).locator('.conflicts li').allTextContents()).resolves.toEqual([
      'That claim says “did not”; this one does not.',
    ]);
    // The two statements never meet the one about nurses: no conflict is shown between unrelated claims.
    await expect(relatedEntry(page, hundreds.text).count()).resolves.toBe(0);
  });

  it('quotes a contracted negation as it was written (“didn’t”, not “didnt”)', async () => {
    const did = await submit({ text: 'The mayor did close the central library in 2022.' });
    const didNot = await submit({ text: 'The mayor didn’t close the central library in 2022.' });

    const page = await world.loggedIn(reviewers[1], { javaScriptEnabled: false });
    await page.goto(`/claims/${didNot.id}`);
    const negated = relatedEntry(page, did.text);
    await expect(negated.count()).resolves.toBe(1);
    await expect(negated.locator('.conflicts li').allTextContents()).resolves.toEqual([
      'This claim says “didn’t”; that one does not.',
    ]);
  });

  it('offers the existing claim instead of recording a duplicate, then records it when asked', async () => {
    const page = await world.loggedIn(submitter);
    const incidents = watchForScripts(page.context());
    await duplicateFlow(page, 'The harbour tunnel will open two years ahead of schedule.', 30, 'claim-duplicates');
    expect(incidents).toEqual([]);
  });

  it('runs the duplicate flow without JavaScript: they are plain forms', async () => {
    const page = await world.loggedIn(submitter, { javaScriptEnabled: false });
    await duplicateFlow(
      page,
      'Every primary school in Riverton will get a free breakfast club this year.',
      40,
      'claim-duplicates-no-js',
    );
  });

  it('has no serious accessibility problems on the form with the duplicates panel', async () => {
    const checked = await submit({
      text: 'Riverton’s new tram line carried one million passengers in its first month.',
      claimant: { name: 'Lucia Castell', role: 'Chair, Transit Authority' },
    });
    await publish(checked, 'mostly_false');

    const page = await world.loggedIn(submitter);
    await page.goto('/claims/new');
    // No source URL: the panel lists the claim but has no source to add to it.
    await fillForm(page, { text: checked.text });
    expect(await post(page, 'Submit the claim')).toBe(200);
    const entry = duplicatesPanel(page).getByRole('listitem');
    await expect(entry.count()).resolves.toBe(1);
    await expect(entry.locator('.rating').textContent()).resolves.toBe('Checked: Mostly false');
    await expect(entry.locator('.status').textContent()).resolves.toBe('Published');
    await expect(entry.getByRole('button').count()).resolves.toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    // With a source URL and a quote: the entry has its own form and button.
    await page.goto('/claims/new');
    await fillForm(page, { text: checked.text, url: world.site.url('/articles/50'), quote: fixtureArticle(50).quote });
    expect(await post(page, 'Submit the claim')).toBe(200);
    await expect(entry.getByRole('button', { name: 'Add your source to this claim instead' }).count()).resolves.toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'claim-duplicates-published');
  });
});

/** `text` as a literal in a regular expression. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
