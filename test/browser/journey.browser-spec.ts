import type { Page } from 'playwright-core';
import { eventually, fixtureArticle, queueBackends } from '@claimdesk/testing';
import {
  BrowserWorld,
  describeInBrowser,
  logIn,
  screenshot,
  seriousViolations,
  watchForScripts,
  type WebUser,
} from '../support/browser-harness';

/**
 * The "done when": an editor and two reviewers who have never seen
 * Claimdesk take a claim from the submission form to a published ClaimReview,
 * in the browser only. On the first backend with JavaScript on (the check
 * updates live); on the other with JavaScript off, reloading to see progress.
 */
const runs = queueBackends().map((backend, index) => ({ backend, javaScriptEnabled: index === 0 }));

describeInBrowser.each(runs)(
  'the fact-checker’s journey on the $backend.kind backend (JavaScript $javaScriptEnabled)',
  ({ backend, javaScriptEnabled }) => {
    let world: BrowserWorld;
    /** What each browser's watcher saw: dialogs, page errors, console errors. */
    const watchedLists: string[][] = [];

    beforeAll(async () => {
      world = await BrowserWorld.start(backend);
    });

    afterAll(async () => {
      await world?.close();
    });

    /** A fresh browser of `user`'s own, logged in through the form, watched for any script running. */
    async function browserOf(user: WebUser): Promise<Page> {
      const context = await world.context({ javaScriptEnabled });
      watchedLists.push(watchForScripts(context));
      const page = await context.newPage();
      await logIn(page, user);
      return page;
    }

    /** Waits until `locator` shows up, reloading first when scripts are off (the page cannot update itself). */
    async function waitOnPage(page: Page, selector: string): Promise<void> {
      if (javaScriptEnabled) {
        await page.locator(selector).first().waitFor({ timeout: 30_000 });
        return;
      }
      await eventually(async () => {
        await page.reload();
        return (await page.locator(selector).count()) > 0 ? true : undefined;
      });
    }

    /** Presses the form's button and waits for the page it redirects to, whose `done` starts with `done`. */
    async function submitAndWait(page: Page, button: string, done: string): Promise<void> {
      await Promise.all([
        page.waitForURL((url) => url.searchParams.get('done')?.startsWith(done) === true),
        page.getByRole('button', { name: button, exact: true }).click(),
      ]);
    }

    it('goes from the submission form to a published ClaimReview', async () => {
      const [editor, first, second] = [
        await world.user('editor'),
        await world.user('reviewer'),
        await world.user('reviewer'),
      ];
      const article = fixtureArticle(11);
      const evidence = fixtureArticle(12);

      // The editor submits the claim through the form, citing the article and quoting it.
      const editorPage = await browserOf(editor);
      await editorPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Submit a claim' }).click();
      await editorPage.getByLabel('Claim', { exact: true }).fill(article.quote);
      await editorPage.getByLabel('Speaker name').fill(article.speaker);
      await editorPage.getByLabel('Source URL').fill(world.site.url(article.path));
      await editorPage.getByRole('textbox', { name: /^Quote/ }).fill(article.quote);
      await submitAndWait(editorPage, 'Submit the claim', 'submitted');
      const claimPath = new URL(editorPage.url()).pathname;
      expect(claimPath).toMatch(/^\/claims\/[0-9a-f-]{36}$/);

      // The quote check turns to found on the page: live with JavaScript, on reload without.
      await waitOnPage(editorPage, '#checks .status--found');
      await expect(editorPage.locator('#checks mark').first().textContent()).resolves.toContain('We will deliver');

      // The editor assigns both reviewers and opens the review.
      for (const reviewer of [first, second]) {
        await editorPage.getByLabel('Reviewer’s email').fill(reviewer.email);
        await submitAndWait(editorPage, 'Assign reviewer', 'assigned');
      }
      await submitAndWait(editorPage, 'Move to in review', 'moved-in_review');

      // The first reviewer finds the claim waiting for them, attaches evidence and gives a verdict.
      const firstPage = await browserOf(first);
      await firstPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Assigned to me' }).click();
      await firstPage.getByRole('link', { name: article.quote }).click();
      expect(new URL(firstPage.url()).pathname).toBe(claimPath);
      await firstPage.getByLabel('Source URL').fill(world.site.url(evidence.path));
      await firstPage.getByLabel('Refutes the claim').check();
      await firstPage.getByLabel('Excerpt').fill(`${evidence.text[0]!.split('. ')[0]!}.`);
      await submitAndWait(firstPage, 'Add evidence', 'evidence');
      await waitOnPage(firstPage, '#checks .cited--refutes .status--found');
      await firstPage.getByLabel('False', { exact: true }).check();
      await firstPage
        .getByLabel('Rationale')
        .fill('The council’s own plan, published a week later, names a smaller figure.');
      await firstPage.getByRole('group', { name: 'Evidence cited' }).getByRole('checkbox').check();
      await submitAndWait(firstPage, 'Give verdict', 'verdict');

      // The second reviewer is blind to the first verdict until giving their own.
      const secondPage = await browserOf(second);
      await secondPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Assigned to me' }).click();
      await secondPage.getByRole('link', { name: article.quote }).click();
      const verdicts = secondPage.locator('#verdicts');
      await expect(verdicts.textContent()).resolves.toContain('Blind review');
      await expect(verdicts.textContent()).resolves.not.toContain(first.name);
      await expect(secondPage.locator('#history').textContent()).resolves.not.toContain('Gave a verdict: False');
      await secondPage.getByLabel('False', { exact: true }).check();
      await secondPage.getByLabel('Rationale').fill('No such plan exists in the council’s papers.');
      await submitAndWait(secondPage, 'Give verdict', 'verdict');
      await expect(verdicts.locator('h3').allTextContents()).resolves.toEqual(
        expect.arrayContaining([`${first.name}: False`, `${second.name} (you): False`]),
      );

      // Two agreeing verdicts: the consensus job moves the claim to awaiting approval.
      await eventually(async () => {
        await editorPage.reload();
        return (await editorPage.locator('.status--awaiting_approval').count()) > 0 ? true : undefined;
      });
      // (axe runs inside the page: only where scripts may run.)
      if (javaScriptEnabled) expect(await seriousViolations(editorPage)).toEqual([]);

      // The editor publishes, and the ClaimReview link serves the JSON-LD.
      await editorPage.getByLabel('Summary').fill('The council approved a smaller plan; no plan of this size exists.');
      await submitAndWait(editorPage, 'Publish', 'moved-published');
      const review = editorPage.locator('.claim-review');
      await expect(review.locator('.claim-review__rating').textContent()).resolves.toBe('Rating: False');
      await screenshot(editorPage, `journey-published-${backend.kind}`);
      const link = review.getByRole('link', { name: 'ClaimReview (schema.org JSON-LD)' });
      const claimReview = await editorPage.request.get((await link.getAttribute('href'))!);
      expect(claimReview.status()).toBe(200);
      expect(await claimReview.json()).toMatchObject({
        '@type': 'ClaimReview',
        claimReviewed: article.quote,
        reviewRating: { alternateName: 'False' },
      });

      // Nothing ran that should not have, on any of the three browsers.
      expect(watchedLists.flat()).toEqual([]);
    });
  },
);
