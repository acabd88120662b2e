import type { Page } from 'playwright-core';
import { eventually, fixtureArticle, fixtureHostile, fixtureHostilePayloads } from '@claimdesk/testing';
import {
  BrowserWorld,
  describeInBrowser,
  screenshot,
  seriousViolations,
  watchForScripts,
  type WebUser,
} from '../support/browser-harness';

describeInBrowser('the claim page', () => {
  let world: BrowserWorld;
  let editor: WebUser;
  /** The editor's page, logged in once and shared by the tests that need an editor. */
  let editorPage: Page;

  beforeAll(async () => {
    world = await BrowserWorld.start();
    editor = await world.user('editor');
    editorPage = await world.loggedIn(editor);
  });

  afterAll(async () => {
    await world?.close();
  });

  /** Submits a claim through the API citing `path` on the fixture site; returns its id. */
  async function submitClaim(article: number, path = `/articles/${article}`): Promise<string> {
    const { quote, speaker } = fixtureArticle(article);
    const response = await world.api.request<{ id: string }>('POST', '/api/v1/claims', {
      token: editor.token,
      body: {
        text: quote,
        claimant: { name: speaker },
        claimDate: '2024-03-05',
        tags: ['housing', 'council'],
        appearance: { url: world.site.url(path), quote },
      },
    });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  async function moveThroughApi(id: string, to: string, token = editor.token): Promise<void> {
    const response = await world.api.request('POST', `/api/v1/claims/${id}/transitions`, { token, body: { to } });
    expect(response.status).toBe(200);
  }

  async function claimInReview(article: number): Promise<string> {
    const id = await submitClaim(article);
    await moveThroughApi(id, 'in_review');
    return id;
  }

  /** Gives a verdict through the form, and waits for the page it redirects to. */
  async function giveVerdict(page: Page, rating: string, rationale: string): Promise<void> {
    await page.getByLabel(rating, { exact: true }).check();
    await page.getByLabel('Rationale').fill(rationale);
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get('done') === 'verdict'),
      page.getByRole('button', { name: /^(Give verdict|Replace my verdict)$/ }).click(),
    ]);
  }

  /** Waits until the appearance or evidence `article` shows a settled check of `status`. */
  async function checkSettles(page: Page, selector: string, status: string): Promise<void> {
    await page.locator(`#checks ${selector} .check .status--${status}`).first().waitFor({ timeout: 30_000 });
  }

  it('turns the quote check to found on the open page, and a reload without JavaScript shows the same', async () => {
    const article = fixtureArticle(1);
    const reviewer = await world.user('reviewer');
    const page = await world.loggedIn(reviewer);
    const incidents = watchForScripts(page.context());
    // The fixture site answers after 2.5 s, so the page opens while the source is being fetched.
    const id = await submitClaim(1, '/slow-headers?ms=2500');
    await page.goto(`/claims/${id}`);
    const checks = page.locator('#checks');
    await expect(checks.getAttribute('hx-trigger')).resolves.toBe('every 1s');
    await expect(checks.locator('.check-progress').textContent()).resolves.toMatch(/fetch/i);
    await expect(checks.locator('.check .status').textContent()).resolves.toBe('Checking');
    // A mark on the document: a reload or a navigation would lose it.
    await page.evaluate('window.sameDocument = true');

    await checkSettles(page, 'article', 'found');
    await expect(checks.locator('mark').textContent()).resolves.toBe(article.quote.replace(/\.$/, ''));
    await expect(page.evaluate('window.sameDocument')).resolves.toBe(true);
    await expect(checks.getAttribute('hx-trigger')).resolves.toBeNull();
    await expect(checks.locator('.check-progress').count()).resolves.toBe(0);
    await expect(page.locator('#claim-checks-status').textContent()).resolves.toBe(
      'All checks are done. quote: found.',
    );
    expect(incidents).toEqual([]);

    const noScript = await world.loggedIn(reviewer, { javaScriptEnabled: false });
    await noScript.goto(`/claims/${id}`);
    await expect(noScript.locator('#checks .check .status').textContent()).resolves.toBe('Found');
    await expect(noScript.locator('#checks mark').textContent()).resolves.toBe(article.quote.replace(/\.$/, ''));
    await expect(noScript.locator('#checks').getAttribute('hx-trigger')).resolves.toBeNull();
  });

  it('shows a hostile source’s title, quote and passage as text: nothing runs', async () => {
    const page = await world.loggedIn(await world.user('reviewer'));
    const incidents = watchForScripts(page.context());
    const response = await world.api.request<{ id: string }>('POST', '/api/v1/claims', {
      token: editor.token,
      body: {
        text: `A councillor read out ${fixtureHostilePayloads[1]} at the meeting.`,
        claimant: { name: fixtureHostile.speaker },
        appearance: { url: world.site.url(fixtureHostile.path), quote: fixtureHostile.quote },
      },
    });
    await page.goto(`/claims/${response.body.id}`);
    await checkSettles(page, 'article', 'found');
    const main = page.locator('main');
    await expect(page.locator('h1').textContent()).resolves.toContain(fixtureHostilePayloads[1]);
    await expect(page.locator('#checks .cited__title').textContent()).resolves.toBe(fixtureHostile.title);
    await expect(page.locator('#checks mark').textContent()).resolves.toContain(fixtureHostilePayloads[0]);
    await expect(main.locator('script, img, svg').count()).resolves.toBe(0);
    expect(incidents).toEqual([]);
  });

  it('shows the verdict form’s errors in a summary linked to the fields, keeping what was typed', async () => {
    const id = await claimInReview(2);
    const page = await world.loggedIn(await world.user('reviewer'));
    await page.goto(`/claims/${id}`);
    await page.getByLabel('Rationale').fill('Typed before choosing a rating.');
    await page.getByRole('button', { name: 'Give verdict' }).click();
    const summary = page.getByRole('alert');
    await summary.waitFor();
    await expect(page.title()).resolves.toMatch(/^Error: Claim: /);
    await expect(summary.getByRole('link').allTextContents()).resolves.toEqual(['Rating is needed: choose one.']);
    await expect(summary.getByRole('link').getAttribute('href')).resolves.toBe('#verdict-rating');
    await expect(page.getByLabel('Rationale').inputValue()).resolves.toBe('Typed before choosing a rating.');
    await summary.getByRole('link').click();
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('verdict-rating');

    await page.getByLabel('Rationale').fill('');
    await page.getByLabel('Mostly true', { exact: true }).check();
    await page.getByRole('button', { name: 'Give verdict' }).click();
    await page.getByRole('alert').waitFor();
    const links = await page.getByRole('alert').getByRole('link').all();
    await expect(Promise.all(links.map((link) => link.getAttribute('href')))).resolves.toEqual(['#verdict-rationale']);
    await expect(page.getByLabel('Mostly true', { exact: true }).isChecked()).resolves.toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('keeps a reviewer blind to the other verdicts until they give theirs', async () => {
    const id = await claimInReview(3);
    const [first, second] = [await world.user('reviewer'), await world.user('reviewer')];
    const firstPage = await world.loggedIn(first);
    await firstPage.goto(`/claims/${id}`);
    await giveVerdict(firstPage, 'False', 'The council’s own plan names a smaller figure.');

    const page = await world.loggedIn(second);
    await page.goto(`/claims/${id}`);
    const verdicts = page.locator('#verdicts');
    await expect(verdicts.textContent()).resolves.toContain('Blind review');
    await expect(verdicts.textContent()).resolves.not.toContain(first.name);
    const history = await page.locator('#history').textContent();
    expect(history).toContain('its rating stays hidden until you give yours');
    expect(history).not.toContain('Gave a verdict: False');

    await giveVerdict(page, 'Mostly false', 'The figure is close, the date is not.');
    await expect(page.locator('.notice').textContent()).resolves.toContain('Verdict recorded');
    await expect(page.locator('.you-gave').textContent()).resolves.toContain('You gave: Mostly false.');
    await expect(verdicts.locator('h3').allTextContents()).resolves.toEqual(
      expect.arrayContaining([`${first.name}: False`, `${second.name} (you): Mostly false`]),
    );
    await expect(page.locator('#history').textContent()).resolves.toContain('Gave a verdict: False');
  });

  it('works without JavaScript: a verdict given with scripts off', async () => {
    const id = await claimInReview(4);
    const page = await world.loggedIn(await world.user('reviewer'), { javaScriptEnabled: false });
    await page.goto(`/claims/${id}`);
    await giveVerdict(page, 'Half true', 'Part of it holds.');
    await expect(page.locator('.notice').textContent()).resolves.toContain('Verdict recorded');
    await expect(page.locator('.you-gave').textContent()).resolves.toContain('You gave: Half true.');
    await expect(page.getByRole('button', { name: 'Replace my verdict' }).count()).resolves.toBe(1);
  });

  it('shows each user only the moves open to them, and refuses a reviewer’s move', async () => {
    const id = await submitClaim(5);
    const reviewer = await world.user('reviewer');
    const reviewerPage = await world.loggedIn(reviewer);
    await reviewerPage.goto(`/claims/${id}`);
    await editorPage.goto(`/claims/${id}`);
    const moves = /^(Move to in review|Reject|Publish|Reopen)$/;
    await expect(editorPage.getByRole('button', { name: moves }).allTextContents()).resolves.toEqual([
      'Move to in review',
      'Reject',
    ]);
    await expect(reviewerPage.getByRole('button', { name: moves }).count()).resolves.toBe(0);

    // A reviewer who crafts the form anyway (the logout form's valid CSRF token, another action) is refused.
    const [refusal] = await Promise.all([
      reviewerPage.waitForResponse((response) => response.url().endsWith(`/claims/${id}/transitions`)),
      reviewerPage.evaluate(`(() => {
        const form = document.querySelector('form[action="/logout"]');
        form.action = '/claims/${id}/transitions';
        form.insertAdjacentHTML('beforeend', '<input type="hidden" name="to" value="in_review"><input type="hidden" name="version" value="1">');
        form.submit();
      })()`),
    ]);
    expect(refusal.status()).toBe(403);
    await reviewerPage.waitForLoadState();
    await expect(reviewerPage.locator('h1').textContent()).resolves.toBe('You cannot open this page');

    await editorPage.getByLabel('Reviewer’s email').fill(reviewer.email);
    await Promise.all([
      editorPage.waitForURL((url) => url.searchParams.get('done') === 'assigned'),
      editorPage.getByRole('button', { name: 'Assign reviewer' }).click(),
    ]);
    await expect(editorPage.locator('.claim-facts').textContent()).resolves.toContain(reviewer.name);
    await Promise.all([
      editorPage.waitForURL((url) => url.searchParams.get('done') === 'moved-in_review'),
      editorPage.getByRole('button', { name: 'Move to in review' }).click(),
    ]);
    await expect(editorPage.locator('.notice').textContent()).resolves.toContain('The claim is now in review');
    await expect(editorPage.locator('.claim-header .status').textContent()).resolves.toBe('In review');
  });

  it('refuses a stale move with 412 instead of overwriting another user’s change', async () => {
    const id = await submitClaim(6);
    const page = editorPage;
    await page.goto(`/claims/${id}`);
    const otherEditor = await world.user('editor');
    await moveThroughApi(id, 'in_review', otherEditor.token);

    await page.getByLabel('Reason').fill('Out of scope.');
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => candidate.url().endsWith(`/claims/${id}/transitions`)),
      page.getByRole('button', { name: 'Reject' }).click(),
    ]);
    expect(response.status()).toBe(412);
    await page.waitForLoadState();
    await expect(page.locator('.claim-problem').textContent()).resolves.toContain(
      'Someone changed this claim while you were looking at it; here is the current version',
    );
    await expect(page.locator('.claim-header .status').textContent()).resolves.toBe('In review');
    await expect(page.getByLabel('Reason').inputValue()).resolves.toBe('Out of scope.');
    const claim = await world.api.request<{ status: string }>('GET', `/api/v1/claims/${id}`, { token: editor.token });
    expect(claim.body.status).toBe('in_review');
  });

  it('publishes once the verdicts agree, showing the review and its ClaimReview link', async () => {
    const id = await claimInReview(9);
    for (const reviewer of [await world.user('reviewer'), await world.user('reviewer')]) {
      const response = await world.api.request('POST', `/api/v1/claims/${id}/verdicts`, {
        token: reviewer.token,
        body: { rating: 'false', rationale: 'The budget papers show no such plan.' },
      });
      expect(response.status).toBe(201);
    }
    await eventually(async () => {
      const claim = await world.api.request<{ status: string }>('GET', `/api/v1/claims/${id}`, {
        token: editor.token,
      });
      return claim.body.status === 'awaiting_approval' ? true : undefined;
    });
    const page = editorPage;
    await page.goto(`/claims/${id}`);
    await page.getByRole('button', { name: 'Publish' }).click();
    const summary = page.getByRole('alert');
    await summary.waitFor();
    await expect(summary.getByRole('link').getAttribute('href')).resolves.toBe('#transition-published-summary');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'claim-page-editor');

    await page.getByLabel('Summary').fill('No plan of that size exists: the council approved a smaller one.');
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get('done') === 'moved-published'),
      page.getByRole('button', { name: 'Publish' }).click(),
    ]);
    const review = page.locator('.claim-review');
    await expect(review.locator('.claim-review__rating').textContent()).resolves.toBe('Rating: False');
    await expect(review.textContent()).resolves.toContain('the council approved a smaller one');
    const link = review.getByRole('link', { name: 'ClaimReview (schema.org JSON-LD)' });
    const jsonLd = await page.request.get((await link.getAttribute('href'))!);
    expect(jsonLd.status()).toBe(200);
    expect(await jsonLd.json()).toMatchObject({ '@type': 'ClaimReview' });
    await expect(page.getByRole('button', { name: 'Reopen for correction' }).count()).resolves.toBe(1);
    await screenshot(page, 'claim-page-published');
  });

  it('lets the editor settle split verdicts: ask another reviewer, or publish a chosen rating with a rationale', async () => {
    const id = await claimInReview(11);
    const [first, second, third] = [
      await world.user('reviewer'),
      await world.user('reviewer'),
      await world.user('reviewer'),
    ];
    for (const [reviewer, rating] of [
      [first, 'true'],
      [second, 'false'],
    ] as const) {
      const response = await world.api.request('POST', `/api/v1/claims/${id}/verdicts`, {
        token: reviewer.token,
        body: { rating, rationale: 'Read the minutes.' },
      });
      expect(response.status).toBe(201);
    }
    const page = editorPage;
    await eventually(async () => {
      await page.goto(`/claims/${id}`);
      return (await page.getByRole('heading', { name: 'Split verdicts' }).count()) > 0 ? true : undefined;
    });
    await expect(page.locator('#split-heading + p').textContent()).resolves.toContain('True: 1, False: 1');

    // A reviewer who already gave a verdict cannot settle it.
    await page.getByLabel('Ask another reviewer (email)').fill(first.email);
    await page.getByRole('button', { name: 'Ask for their verdict' }).click();
    await expect(page.locator('.claim-problem').textContent()).resolves.toContain('has already given a verdict');
    await page.getByLabel('Ask another reviewer (email)').fill(third.email);
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get('done') === 'verdict-requested'),
      page.getByRole('button', { name: 'Ask for their verdict' }).click(),
    ]);
    await expect(page.locator('.claim-header').textContent()).resolves.toContain(third.name);
    await expect(page.locator('#history').textContent()).resolves.toContain(
      `Asked ${third.name} to settle the split verdicts`,
    );

    // Publishing over the split needs a rating and a rationale: the form says so, keeping what was typed.
    await page.getByLabel('Summary').fill('The minutes show a smaller rise.');
    await page.getByRole('button', { name: 'Publish with this rating' }).click();
    const summary = page.getByRole('alert');
    await summary.waitFor();
    const links = await summary.getByRole('link').all();
    await expect(Promise.all(links.map((link) => link.getAttribute('href')))).resolves.toEqual([
      '#transition-published-rating',
      '#transition-published-reason',
    ]);
    await expect(page.getByLabel('Summary').inputValue()).resolves.toBe('The minutes show a smaller rise.');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'claim-page-split');

    await page.getByLabel('Rating', { exact: true }).selectOption('mostly_false');
    await page.getByLabel('Why this rating').fill('The minutes record a 4% rise, not 10%.');
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get('done') === 'moved-published'),
      page.getByRole('button', { name: 'Publish with this rating' }).click(),
    ]);
    await expect(page.locator('.claim-review__rating').textContent()).resolves.toBe('Rating: Mostly false');
    const history = await page.locator('#history').textContent();
    expect(history).toContain('Chose the rating over split verdicts: Mostly false');
    expect(history).toContain('The minutes record a 4% rise, not 10%.');
  });

  it('lets an editor edit the claim and add another appearance, keeping the old text in the history', async () => {
    const id = await claimInReview(12);
    const page = editorPage;
    await page.goto(`/claims/${id}`);
    const before = await page.locator('.claim-header__text').textContent();
    await page.getByText('Edit the claim').click();
    await page.getByLabel('Claim', { exact: true }).fill('');
    await page.getByLabel('Speaker role').fill('Deputy mayor');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const summary = page.getByRole('alert');
    await summary.waitFor();
    await expect(summary.getByRole('link').getAttribute('href')).resolves.toBe('#edit-text');
    await expect(page.getByLabel('Speaker role').inputValue()).resolves.toBe('Deputy mayor');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Claim', { exact: true }).fill('The council will plant 500 trees by 2027.');
    await page.getByLabel('Tags').fill('trees, Council');
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get('done') === 'edited'),
      page.getByRole('button', { name: 'Save changes' }).click(),
    ]);
    await expect(page.locator('.claim-header__text').textContent()).resolves.toBe(
      '“The council will plant 500 trees by 2027.”',
    );
    await expect(page.locator('.claim-header').textContent()).resolves.toContain('Deputy mayor');
    const history = await page.locator('#history').textContent();
    expect(history).toContain(`Edited the claim: text, speaker, tags. The text was:${before!}`);

    const url = world.site.url('/articles/13');
    await page.getByText('Add where else it was said').click();
    await page.getByLabel('Page where it was said').fill(url);
    await Promise.all([
      page.waitForURL((next) => next.searchParams.get('done') === 'appearance-added'),
      page.getByRole('button', { name: 'Add appearance' }).click(),
    ]);
    await expect(page.locator('#checks').textContent()).resolves.toContain(url);
    await screenshot(page, 'claim-page-edited');
  });

  it('shows evidence with its excerpt check and a verdict, with no serious accessibility problems', async () => {
    const id = await claimInReview(7);
    const reviewer = await world.user('reviewer');
    const page = await world.loggedIn(reviewer);
    const incidents = watchForScripts(page.context());
    await page.goto(`/claims/${id}`);
    await checkSettles(page, 'article', 'found');
    expect(await seriousViolations(page)).toEqual([]);

    // An excerpt with a few words changed: checked as an approximate match, with the difference shown.
    const evidence = fixtureArticle(8);
    const sentence = `${evidence.text[0]!.split('. ')[0]!}.`;
    expect(sentence).toContain(' has set out a plan for ');
    await page.getByLabel('Source URL').fill(world.site.url(evidence.path));
    await page.getByLabel('Refutes the claim').check();
    await page.getByLabel('Excerpt').fill(sentence.replace('has set out', 'has announced'));
    await page.getByLabel('Note').fill('The council’s own announcement, a week later.');
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get('done')?.startsWith('evidence') === true),
      page.getByRole('button', { name: 'Add evidence' }).click(),
    ]);
    await expect(page.locator('.notice').textContent()).resolves.toMatch(/^Evidence added/);
    await checkSettles(page, '.cited--refutes', 'approximate');
    const item = page.locator('#checks .cited--refutes');
    await expect(item.locator('mark').textContent()).resolves.toContain('has set out a plan for');
    await expect(item.locator('.diff del').textContent()).resolves.toContain('announced');
    await expect(item.locator('.diff ins').textContent()).resolves.toContain('set out');
    await expect(item.locator('.cited__title a').getAttribute('href')).resolves.toMatch(/^\/sources\/[0-9a-f-]{36}$/);

    // Its label is the source's title, or its URL while the page was loaded before the fetch.
    await page.getByRole('group', { name: 'Evidence cited' }).getByRole('checkbox').check();
    await giveVerdict(
      page,
      'Mostly false',
      'The council announced a plan, but for fewer homes and a later date than the claim says.',
    );
    await expect(page.locator('#verdicts .verdict__cites a').textContent()).resolves.toBe(evidence.title);
    expect(await seriousViolations(page)).toEqual([]);
    expect(incidents).toEqual([]);
    await screenshot(page, 'claim-page');
  });
});
