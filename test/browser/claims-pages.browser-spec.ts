import { randomBytes, randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { eventually, fixtureArticle, fixtureHostile, fixtureHostilePayloads } from '@claimdesk/testing';
import {
  BrowserWorld,
  describeInBrowser,
  logIn,
  screenshot,
  seriousViolations,
  watchForScripts,
  type WebUser,
} from '../support/browser-harness';

interface ClaimJson {
  id: string;
  text: string;
  status: string;
  version: number;
  tags: string[];
  claimant: { name: string; role: string | null } | null;
  appearances: { sourceId: string; quote: string | null }[];
}

interface SourceJson {
  id: string;
  fetchStatus: string;
  snapshots: { id: string }[];
}

/** Markup-like text of our own, beyond the fixture site's, for the fields we fill in. */
const svgPayload = '"><svg onload=alert(4)>';

describeInBrowser('the claim queue, submission form and source pages', () => {
  let world: BrowserWorld;
  let editor: WebUser;
  let reviewer: WebUser;
  let secondReviewer: WebUser;
  let submitter: WebUser;

  beforeAll(async () => {
    world = await BrowserWorld.start();
    [editor, reviewer, secondReviewer, submitter] = await Promise.all([
      world.user('editor'),
      world.user('reviewer'),
      world.user('reviewer'),
      world.user('submitter'),
    ]);
  });

  afterAll(async () => {
    await world?.close();
  });

  async function api<T = Record<string, unknown>>(method: string, path: string, token: string, body?: unknown) {
    const response = await world.api.request<T>(method, `/api/v1${path}`, { token, body });
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${response.text}`);
    return response.body;
  }

  const submit = (body: Record<string, unknown>, token = editor.token) =>
    api<ClaimJson>('POST', '/claims', token, body);

  const move = (claim: { id: string }, body: Record<string, unknown>) =>
    api<ClaimJson>('POST', `/claims/${claim.id}/transitions`, editor.token, body);

  async function fetchedSource(sourceId: string): Promise<SourceJson> {
    return eventually(
      async () => {
        const source = await api<SourceJson>('GET', `/sources/${sourceId}`, editor.token);
        return source.fetchStatus === 'pending' ? undefined : source;
      },
      20_000,
      `source ${sourceId} fetched`,
    );
  }

  /** The claim texts of the queue table, in order. */
  const queueTexts = (page: Page): Promise<string[]> =>
    page.locator('.queue-table tbody tr td:first-child a').allTextContents();

  /** Submits the filter form and waits for the page it loads. */
  async function showClaims(page: Page): Promise<void> {
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/claims' && url.search !== ''),
      page.getByRole('button', { name: 'Show claims' }).click(),
    ]);
  }

  const isFocused = async (page: Page, id: string) => (await page.locator(`#${id}:focus`).count()) === 1;

  it('lists claims made through the API and filters them by status, assignee, speaker, tag and words, without JavaScript', async () => {
    // A desk in mid-flow: one claim in each status, tags, and an assigned reviewer.
    const published = await submit({
      text: 'The city has built more affordable homes in the last two years than in the previous decade.',
      claimant: { name: 'Ana Ruiz', role: 'Mayor of Riverton' },
      tags: ['housing', 'budget'],
    });
    const awaiting = await submit({
      text: 'Bus lanes on Main Street cut average commute times by 40 percent.',
      claimant: { name: 'Marcus Okafor', role: 'Councillor' },
      tags: ['transport'],
    });
    const inReview = await submit({
      text: 'Every water main laid before 1960 will be replaced by 2030.',
      claimant: { name: 'Mara Quist', role: 'Director, Riverton Water' },
      tags: ['water', 'infrastructure'],
    });
    const rejected = await submit({
      text: 'Our town has the best schools in the country.',
      claimant: { name: 'Owen Brennan', role: 'Chair of the school board' },
      tags: ['education'],
    });
    const submitted = await submit({
      text: 'Crime in Lakemoor fell by a third after the street lighting was upgraded.',
      claimant: { name: 'Helen Novak', role: 'Police Commissioner' },
      tags: ['public-safety', 'budget'],
    });
    for (const claim of [published, awaiting, inReview]) await move(claim, { to: 'in_review' });
    await move(rejected, { to: 'rejected', reason: 'An opinion, not a checkable claim.' });
    await api('POST', `/claims/${inReview.id}/assignments`, editor.token, { reviewerEmail: reviewer.email });
    await api('POST', `/claims/${awaiting.id}/assignments`, editor.token, { reviewerEmail: secondReviewer.email });
    for (const claim of [published, awaiting]) {
      for (const [who, rating] of [
        [reviewer, 'mostly_false'],
        [secondReviewer, 'mostly_false'],
      ] as const) {
        await api('POST', `/claims/${claim.id}/verdicts`, who.token, {
          rating,
          rationale: 'Council records say otherwise.',
        });
      }
    }
    for (const claim of [published, awaiting]) {
      await eventually(async () => {
        const now = await api<ClaimJson>('GET', `/claims/${claim.id}`, editor.token);
        return now.status === 'awaiting_approval' ? now : undefined;
      });
    }
    await move(published, { to: 'published', summary: 'Fewer homes were built than in the decade before.' });

    const withJs = await world.loggedIn(reviewer);
    await withJs.goto('/claims');
    expect(await seriousViolations(withJs)).toEqual([]);
    await screenshot(withJs, 'claims-queue');

    // axe needs JavaScript; the filters are a GET form, so they must work without it.
    const page = await world.loggedIn(reviewer, { javaScriptEnabled: false });
    await page.goto('/claims');
    await expect(page.title()).resolves.toBe('Claims – Claimdesk');
    expect(await queueTexts(page)).toEqual([
      submitted.text,
      rejected.text,
      inReview.text,
      awaiting.text,
      published.text,
    ]);
    const inReviewRow = page.locator('.queue-table tbody tr', { hasText: inReview.text });
    await expect(inReviewRow.locator('.status').textContent()).resolves.toBe('In review');
    await expect(inReviewRow.textContent()).resolves.toContain(reviewer.name);
    await expect(inReviewRow.textContent()).resolves.toContain('Mara Quist');
    await expect(
      page.locator('.queue-table tbody tr', { hasText: published.text }).locator('.status').textContent(),
    ).resolves.toBe('Published');
    await expect(page.getByRole('link', { name: inReview.text }).getAttribute('href')).resolves.toBe(
      `/claims/${inReview.id}`,
    );

    await page.getByLabel('Status', { exact: true }).selectOption('in_review');
    await showClaims(page);
    expect(new URL(page.url()).searchParams.get('status')).toBe('in_review');
    expect(await queueTexts(page)).toEqual([inReview.text]);
    await expect(page.getByLabel('Status', { exact: true }).inputValue()).resolves.toBe('in_review');

    await page.getByLabel('Status', { exact: true }).selectOption('');
    await page.getByLabel('Assigned to me').check();
    await showClaims(page);
    await expect(page.locator('h1').textContent()).resolves.toBe('Claims assigned to me');
    await expect(page.getByRole('link', { name: 'Assigned to me' }).getAttribute('aria-current')).resolves.toBe('page');
    expect(await queueTexts(page)).toEqual([inReview.text]);
    await expect(page.getByLabel('Assigned to me').isChecked()).resolves.toBe(true);

    await page.getByLabel('Assigned to me').uncheck();
    // Part of the speaker's name, in another case.
    await page.getByLabel('Speaker', { exact: true }).fill('OKAF');
    await showClaims(page);
    expect(await queueTexts(page)).toEqual([awaiting.text]);

    await page.getByLabel('Speaker', { exact: true }).fill('');
    await page.getByLabel('Tag', { exact: true }).fill('budget');
    await showClaims(page);
    expect(await queueTexts(page)).toEqual([submitted.text, published.text]);

    await page.getByLabel('Tag', { exact: true }).fill('');
    await page.getByLabel('Search', { exact: true }).fill('water main replaced');
    await showClaims(page);
    expect(await queueTexts(page)).toEqual([inReview.text]);
    await expect(page.getByRole('columnheader', { name: 'Relevance' }).isVisible()).resolves.toBe(true);

    await page.getByLabel('Search', { exact: true }).fill('no claim says zanzibar');
    await showClaims(page);
    expect(await queueTexts(page)).toEqual([]);
    await expect(page.locator('main').textContent()).resolves.toContain('No claims match these filters');
    await withJs.goto(page.url());
    expect(await seriousViolations(withJs)).toEqual([]);
  });

  it('shows a bad filter as an error with status 400, keeping the values', async () => {
    const page = await world.loggedIn(reviewer);
    const response = await page.goto('/claims?status=lost&tag=housing&assignee=someone');
    expect(response?.status()).toBe(400);
    await expect(page.title()).resolves.toBe('Error: Claims – Claimdesk');
    const summary = page.getByRole('alert');
    await expect(summary.getByRole('link').allTextContents()).resolves.toEqual([
      expect.stringMatching(/^Status must be one of/) as string,
      expect.stringMatching(/^Assigned to me /) as string,
    ]);
    await expect(page.getByLabel('Tag', { exact: true }).inputValue()).resolves.toBe('housing');
    expect(await seriousViolations(page)).toEqual([]);

    const badCursor = await page.goto('/claims?cursor=not-a-cursor');
    expect(badCursor?.status()).toBe(400);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('The page link');
  });

  it('pages with Next page and First page links that keep the filters, without JavaScript', async () => {
    const tag = `paging-${randomBytes(3).toString('hex')}`;
    const created: ClaimJson[] = [];
    for (let index = 1; index <= 5; index++) {
      created.push(await submit({ text: `Paging claim number ${index} about the harbour wall.`, tags: [tag] }));
    }
    const newestFirst = created.map((claim) => claim.text).reverse();

    const page = await world.loggedIn(reviewer, { javaScriptEnabled: false });
    await page.goto(`/claims?tag=${tag}&limit=2`);
    const seen: string[][] = [await queueTexts(page)];
    await expect(page.getByRole('link', { name: 'First page' }).count()).resolves.toBe(0);
    while ((await page.getByRole('link', { name: 'Next page' }).count()) > 0) {
      await Promise.all([page.waitForURL(/cursor=/), page.getByRole('link', { name: 'Next page' }).click()]);
      const url = new URL(page.url());
      expect([url.searchParams.get('tag'), url.searchParams.get('limit')]).toEqual([tag, '2']);
      seen.push(await queueTexts(page));
    }
    expect(seen).toEqual([newestFirst.slice(0, 2), newestFirst.slice(2, 4), newestFirst.slice(4)]);

    await Promise.all([
      page.waitForURL((url) => !url.search.includes('cursor')),
      page.getByRole('link', { name: 'First page' }).click(),
    ]);
    expect(await queueTexts(page)).toEqual(newestFirst.slice(0, 2));
  });

  it('shows the submission form’s errors in a summary linked to the fields, keeps the values, then submits', async () => {
    const page = await world.loggedIn(submitter);
    await page.goto('/claims/new');
    await expect(page.title()).resolves.toBe('Submit a claim – Claimdesk');
    await expect(page.getByRole('link', { name: 'Submit a claim' }).getAttribute('aria-current')).resolves.toBe('page');
    expect(await seriousViolations(page)).toEqual([]);

    const typed = {
      'Speaker name': 'Kwame Mensah',
      'Speaker role': 'Transit Commissioner',
      'Date of the claim': '2026-03-14',
      Language: 'en',
      Tags: 'transport, budget',
      'Source URL': 'ftp://x',
      Quote: 'We will deliver 140 kilometres of bus lanes.',
    };
    const field = (label: string) => page.getByLabel(new RegExp(`^${label}( \\(optional\\))?$`));
    for (const [label, value] of Object.entries(typed)) await field(label).fill(value);
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => candidate.request().method() === 'POST'),
      page.getByRole('button', { name: 'Submit the claim' }).click(),
    ]);
    expect(response.status()).toBe(400);
    await page.waitForLoadState();

    await expect(page.title()).resolves.toBe('Error: Submit a claim – Claimdesk');
    const summary = page.getByRole('alert');
    await expect(summary.getByRole('link').allTextContents()).resolves.toEqual([
      'Claim is needed.',
      'Source URL must be an http or https URL without credentials.',
    ]);
    await summary.getByRole('link', { name: /^Source URL/ }).click();
    await expect(isFocused(page, 'url')).resolves.toBe(true);
    await summary.getByRole('link', { name: 'Claim is needed.' }).click();
    await expect(isFocused(page, 'text')).resolves.toBe(true);
    for (const [label, value] of Object.entries(typed)) {
      await expect(field(label).inputValue()).resolves.toBe(value);
    }
    await expect(field('Source URL').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'claim-submit-errors');

    const text = `Commissioner Mensah promised 140 kilometres of bus lanes by 2027 (${randomBytes(3).toString('hex')}).`;
    await field('Claim').fill(text);
    await field('Source URL').fill(world.site.url('/articles/3'));
    await Promise.all([
      page.waitForURL(/\/claims\/[0-9a-f-]{36}\?done=submitted$/),
      page.getByRole('button', { name: 'Submit the claim' }).click(),
    ]);
    const id = new URL(page.url()).pathname.split('/').at(-1)!;
    const claim = await api<ClaimJson>('GET', `/claims/${id}`, editor.token);
    expect(claim).toMatchObject({
      text,
      status: 'submitted',
      claimant: { name: 'Kwame Mensah', role: 'Transit Commissioner' },
      claimDate: '2026-03-14',
      tags: ['transport', 'budget'],
      appearances: [{ quote: typed.Quote }],
    });
  });

  it('escapes a hostile source’s title and text on the source, snapshot and queue pages: nothing runs', async () => {
    const context = await world.context();
    const incidents = watchForScripts(context);
    const page = await context.newPage();
    await logIn(page, reviewer);
    const claim = await submit({
      text: `A councillor read out ${fixtureHostilePayloads[1]} at the meeting.`,
      claimant: { name: `Eve Mallory ${svgPayload}` },
      tags: ['<b>bold</b>'],
      appearance: { url: world.site.url(fixtureHostile.path), quote: fixtureHostile.quote },
    });
    const source = await fetchedSource(claim.appearances[0]!.sourceId);
    expect(source.fetchStatus).toBe('fetched');

    await page.goto(`/sources/${source.id}`);
    await expect(page.locator('h1').textContent()).resolves.toBe(fixtureHostile.title);
    await expect(page.title()).resolves.toBe(`Source: ${fixtureHostile.title} – Claimdesk`);
    const main = page.locator('main');
    for (const payload of fixtureHostilePayloads) await expect(main.textContent()).resolves.toContain(payload);
    await expect(page.getByText(fixtureHostilePayloads[0]).first().isVisible()).resolves.toBe(true);
    await expect(main.textContent()).resolves.toContain(claim.text);
    await expect(main.locator('script, img, svg, b').count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: claim.text }).getAttribute('href')).resolves.toBe(
      `/claims/${claim.id}`,
    );
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Snapshot 1' }).click();
    await page.waitForURL(/\/snapshots\//);
    const text = await page.locator('pre.snapshot-text').textContent();
    for (const paragraph of fixtureHostile.text) expect(text).toContain(paragraph);
    await expect(main.locator('script, img, svg').count()).resolves.toBe(0);

    await page.goto(`/claims?q=councillor+meeting`);
    const row = page.locator('.queue-table tbody tr', { hasText: claim.text });
    await expect(row.textContent()).resolves.toContain(`Eve Mallory ${svgPayload}`);
    await expect(row.textContent()).resolves.toContain('<b>bold</b>');
    await expect(main.locator('script, img, svg, b').count()).resolves.toBe(0);

    expect(incidents).toEqual([]);
  });

  it('shows a source’s snapshots, the changes between them and the claims citing it', async () => {
    const claim = await submit({
      text: 'The transit authority will open 12 new stations before the end of 2027.',
      claimant: { name: 'Lucia Castell', role: 'Chair, Transit Authority' },
      tags: ['transport'],
      appearance: { url: world.site.url('/articles/42') },
    });
    const sourceId = claim.appearances[0]!.sourceId;
    const first = await fetchedSource(sourceId);
    const firstText = (
      await api<{ text: string }>('GET', `/sources/${sourceId}/snapshots/${first.snapshots[0]!.id}`, editor.token)
    ).text;
    const firstWords = firstText.split(' ');
    const changedWord = firstWords[8]!;
    const corrected = [...firstWords.slice(0, 8), 'corrected', ...firstWords.slice(9)].join(' ');
    await api('POST', '/sources', editor.token, { url: world.site.url('/articles/42'), text: corrected });

    const page = await world.loggedIn(reviewer);
    await page.goto(`/sources/${sourceId}`);
    const rows = page.locator('.source-snapshots tbody tr');
    await expect(rows.count()).resolves.toBe(2);
    await expect(page.locator('.source-status .status').textContent()).resolves.toBe('Fetched');
    await expect(page.locator('main').textContent()).resolves.toContain(fixtureArticle(42).publisher);
    await expect(page.getByRole('link', { name: claim.text }).getAttribute('href')).resolves.toBe(
      `/claims/${claim.id}`,
    );
    const sourceLink = page.locator('.source-url a');
    await expect(sourceLink.getAttribute('rel')).resolves.toBe('noopener noreferrer nofollow');
    await expect(sourceLink.getAttribute('href')).resolves.toBe(world.site.url('/articles/42'));
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'source-page');

    await page.getByRole('link', { name: 'Changes since snapshot 1' }).click();
    await page.waitForURL(/\/changes$/);
    await expect(page.locator('.source-diff del').allTextContents()).resolves.toEqual([`[Removed: ${changedWord}]`]);
    await expect(page.locator('.source-diff ins').allTextContents()).resolves.toEqual(['[Added: corrected]']);
    await expect(page.locator('.lead').textContent()).resolves.toBe('1 word removed, 1 word added.');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'source-changes');

    await page.getByRole('link', { name: 'previous snapshot' }).click();
    await page.waitForURL(new RegExp(`/snapshots/${first.snapshots[0]!.id}$`));
    const shown = await page.locator('pre.snapshot-text').textContent();
    for (const paragraph of firstText.split('\n\n')) expect(shown).toContain(paragraph);
    await expect(page.locator('.snapshot-headers').count()).resolves.toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    const missing = await page.goto(`/sources/${randomUUID()}`);
    expect(missing?.status()).toBe(404);
  });

  it('updates a pending source’s page when the fetch is done, with JavaScript on, and shows a failed fetch’s error', async () => {
    const context = await world.context();
    const incidents = watchForScripts(context);
    const page = await context.newPage();
    await logIn(page, reviewer);
    const slow = await submit({
      text: 'The port commission will dredge the harbour this spring.',
      appearance: { url: world.site.url(`/slow-headers?ms=2500&run=${randomBytes(3).toString('hex')}`) },
    });
    await page.goto(`/sources/${slow.appearances[0]!.sourceId}`);
    const badge = page.locator('.source-status .status');
    await expect(badge.textContent()).resolves.toBe('Pending');
    await badge.filter({ hasText: 'Fetched' }).waitFor({ timeout: 20_000 });
    await expect(page.locator('.source-snapshots tbody tr').count()).resolves.toBe(1);

    const missing = await submit({
      text: 'The harbour master promised a new sea wall.',
      appearance: { url: world.site.url('/missing') },
    });
    const failed = await fetchedSource(missing.appearances[0]!.sourceId);
    expect(failed.fetchStatus).toBe('failed');
    await page.goto(`/sources/${failed.id}`);
    await expect(badge.textContent()).resolves.toBe('Fetch failed');
    await expect(page.locator('.source-error').textContent()).resolves.toContain('http_404');
    expect(incidents).toEqual([]);
  });

  it('shows multi-line text exactly as it is: a snapshot’s text, and a claim kept after an error', async () => {
    // Handlebars indents every line a standalone partial outputs (the layout's {{> @partial-block}} and
    // {{> field}}) unless templates are compiled with preventIndent: <pre> text and textarea values must not be.
    const lines = 'First line of the statement.\n\nSecond paragraph, after a blank line.\nThird line.';
    const source = await api<SourceJson>('POST', '/sources', editor.token, {
      url: world.site.url(`/typed/${randomBytes(3).toString('hex')}`),
      text: lines,
    });
    const page = await world.loggedIn(submitter, { javaScriptEnabled: false });
    await page.goto(`/sources/${source.id}/snapshots/${source.snapshots[0]!.id}`);
    await expect(page.locator('pre.snapshot-text').textContent()).resolves.toBe(lines);

    await page.goto('/claims/new');
    await page.getByLabel('Claim', { exact: true }).fill(lines);
    await page.getByLabel(/^Source URL/).fill('ftp://x');
    await Promise.all([
      page.waitForResponse((candidate) => candidate.request().method() === 'POST'),
      page.getByRole('button', { name: 'Submit the claim' }).click(),
    ]);
    await page.waitForLoadState();
    await expect(page.title()).resolves.toBe('Error: Submit a claim – Claimdesk');
    await expect(page.getByLabel('Claim', { exact: true }).inputValue()).resolves.toBe(lines);
  });
});
