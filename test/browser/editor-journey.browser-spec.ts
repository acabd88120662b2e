import type { BrowserContext, Page } from 'playwright-core';
import { eventually } from '@claimdesk/testing';
import {
  BrowserWorld,
  describeInBrowser,
  logIn,
  screenshot,
  seriousViolations,
  watchForScripts,
  type WebUser,
} from '../support/browser-harness';

/** A phone's viewport: the editor works the whole journey from one. */
const phone = { width: 390, height: 844 };

/**
 * Issue 12's "done when": an editor on a phone and two reviewers take a claim
 * from the submission form through an edit, split verdicts and a published
 * rating the editor chose, to the public fact-check page a reader opens; all
 * in the browser, with no page wider than the phone.
 */
describeInBrowser('the editor’s journey: editing, split verdicts, the public page, at phone width', () => {
  let world: BrowserWorld;
  let contexts: BrowserContext[];
  /** What each browser's watcher saw: dialogs, page errors, console errors. */
  let incidents: string[][];

  beforeAll(async () => {
    world = await BrowserWorld.start();
    contexts = [];
    incidents = [];
  });

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await world?.close();
  });

  /** A browser of its own, at `viewport`, watched for any script running; logged in as `user` when given. */
  async function browserOf(user: WebUser | undefined, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await world.browser.newContext({ baseURL: world.baseUrl, viewport });
    contexts.push(context);
    incidents.push(watchForScripts(context));
    const page = await context.newPage();
    if (user !== undefined) await logIn(page, user);
    return page;
  }

  /** Presses the button and waits for the page it redirects to, whose `done` is `done`. */
  async function submitAndWait(page: Page, button: string, done: string): Promise<void> {
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get('done') === done),
      page.getByRole('button', { name: button, exact: true }).click(),
    ]);
  }

  /** The page fits the phone: no sideways scroll. */
  async function expectNoSidewaysScroll(page: Page): Promise<void> {
    const [scrollWidth, innerWidth] = await page.evaluate<number[]>(
      '[document.documentElement.scrollWidth, window.innerWidth]',
    );
    expect(innerWidth).toBe(phone.width);
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth!);
  }

  /** A reviewer finds the claim among their assignments and gives a verdict. */
  async function verdictOf(reviewer: WebUser, claimText: string, rating: string, rationale: string): Promise<void> {
    const page = await browserOf(reviewer);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Assigned to me' }).click();
    await page.getByRole('link', { name: claimText }).click();
    await page.getByLabel(rating, { exact: true }).check();
    await page.getByLabel('Rationale').fill(rationale);
    await submitAndWait(page, 'Give verdict', 'verdict');
  }

  it('submits, edits, settles split verdicts with a chosen rating and publishes a page readers can open', async () => {
    const [editor, first, second] = [
      await world.user('editor'),
      await world.user('reviewer'),
      await world.user('reviewer'),
    ];
    const editorPage = await browserOf(editor, phone);

    // The editor submits the claim from the form, on the phone.
    await editorPage.goto('/claims/new');
    await expectNoSidewaysScroll(editorPage);
    await editorPage.getByLabel('Claim', { exact: true }).fill('The ferry fares rose by 40 percent this year.');
    await editorPage.getByLabel('Speaker name').fill('Ines Duarte');
    await submitAndWait(editorPage, 'Submit the claim', 'submitted');
    const claimId = new URL(editorPage.url()).pathname.split('/').at(-1)!;

    // A wrong edit is refused with a sentence that links to its field; the right one is kept, the old text in the history.
    await editorPage.getByText('Edit the claim').click();
    await editorPage.getByLabel('Tags').fill(`ferries, ${'x'.repeat(51)}`);
    await editorPage.getByRole('button', { name: 'Save changes' }).click();
    const summary = editorPage.getByRole('alert');
    await summary.waitFor();
    await expect(summary.getByRole('link').allTextContents()).resolves.toEqual(['Tags must be 1–50 characters.']);
    await expectNoSidewaysScroll(editorPage);
    const text = 'The ferry fares rose by 40 percent in 2026.';
    await editorPage.getByLabel('Claim', { exact: true }).fill(text);
    await editorPage.getByLabel('Speaker role').fill('Transport minister');
    await editorPage.getByLabel('Tags').fill('ferries, fares');
    await submitAndWait(editorPage, 'Save changes', 'edited');
    await expect(editorPage.locator('.claim-header__text').textContent()).resolves.toBe(`“${text}”`);
    await expect(editorPage.locator('.claim-header').textContent()).resolves.toContain('Transport minister');
    await expect(editorPage.locator('#history').textContent()).resolves.toContain(
      'The text was:“The ferry fares rose by 40 percent this year.”',
    );

    // Two reviewers are assigned; the review opens; they disagree.
    for (const reviewer of [first, second]) {
      await editorPage.getByLabel('Reviewer’s email').fill(reviewer.email);
      await submitAndWait(editorPage, 'Assign reviewer', 'assigned');
    }
    await submitAndWait(editorPage, 'Move to in review', 'moved-in_review');
    await verdictOf(first, text, 'True', 'The fare table for 2026 shows a 40 percent rise on the main route.');
    await verdictOf(second, text, 'Mostly false', 'Averaged over all routes the rise was 12 percent.');

    // The editor sees the split, and publishes a chosen rating with the reason, on the phone.
    await eventually(async () => {
      await editorPage.goto(`/claims/${claimId}`);
      return (await editorPage.getByRole('heading', { name: 'Split verdicts' }).count()) > 0 ? true : undefined;
    });
    await expectNoSidewaysScroll(editorPage);
    expect(await seriousViolations(editorPage)).toEqual([]);
    await editorPage.getByLabel('Rating', { exact: true }).selectOption('half_true');
    await editorPage.getByLabel('Summary').fill('The main route rose 40 percent; fares overall rose 12 percent.');
    await editorPage.getByLabel('Why this rating').fill('True of one route, not of the fares as a whole.');
    await submitAndWait(editorPage, 'Publish with this rating', 'moved-published');
    await expect(editorPage.locator('.claim-review__rating').textContent()).resolves.toBe('Rating: Half true');
    const history = await editorPage.locator('#history').textContent();
    expect(history).toContain('Chose the rating over split verdicts: Half true');
    expect(history).toContain('True of one route, not of the fares as a whole.');
    await expectNoSidewaysScroll(editorPage);
    await screenshot(editorPage, 'editor-journey-published-390');

    // A reader with no account opens the public page on a phone: the rating, the summary and the JSON-LD.
    const readerPage = await browserOf(undefined, phone);
    const response = await readerPage.goto(`/fact-checks/${claimId}`);
    expect(response?.status()).toBe(200);
    await expect(readerPage.locator('.fact-check__rating').textContent()).resolves.toBe('Half true');
    await expect(readerPage.locator('.fact-check__claim q').textContent()).resolves.toBe(text);
    const jsonLd: unknown = JSON.parse(
      (await readerPage.locator('script[type="application/ld+json"]').textContent()) ?? 'null',
    );
    expect(jsonLd).toMatchObject({
      '@type': 'ClaimReview',
      claimReviewed: text,
      reviewBody: 'The main route rose 40 percent; fares overall rose 12 percent.',
      reviewRating: { alternateName: 'Half true' },
      itemReviewed: { author: { name: 'Ines Duarte', jobTitle: 'Transport minister' } },
    });
    await expectNoSidewaysScroll(readerPage);
    expect(await seriousViolations(readerPage)).toEqual([]);

    // Nothing ran that should not have, in any of the four browsers; the editor's saw only the refused edit's 400.
    const [editorIncidents, ...others] = incidents;
    expect(editorIncidents).toEqual([expect.stringMatching(/^console error: .*status of 400 \(Bad Request\)$/)]);
    expect(others.flat()).toEqual([]);
  });
});
