import type { Page } from 'playwright-core';
import { eventually } from '@claimdesk/testing';
import {
  BrowserWorld,
  describeInBrowser,
  screenshot,
  seriousViolations,
  type WebUser,
} from '../support/browser-harness';

interface ClaimJson {
  id: string;
  text: string;
  status: string;
}

/**
 * The editors' queue as a reviewer and an editor work it: saved filters one
 * click away, sorting, the verdict count and split flag of each claim, and
 * paging back, all without JavaScript.
 */
describeInBrowser('the editors’ queue', () => {
  let world: BrowserWorld;
  let editor: WebUser;
  let me: WebUser;
  let first: WebUser;
  let second: WebUser;
  let submitter: WebUser;
  /** In the order they were submitted. */
  let open: ClaimJson;
  let split: ClaimJson;
  let agreed: ClaimJson;
  let fresh: ClaimJson;

  async function api<T = Record<string, unknown>>(method: string, path: string, token: string, body?: unknown) {
    const response = await world.api.request<T>(method, `/api/v1${path}`, { token, body });
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${response.text}`);
    return response.body;
  }

  const submit = (text: string) => api<ClaimJson>('POST', '/claims', editor.token, { text, tags: ['harbour'] });
  const toReview = (claim: ClaimJson) =>
    api('POST', `/claims/${claim.id}/transitions`, editor.token, { to: 'in_review' });
  const verdict = (claim: ClaimJson, who: WebUser, rating: string) =>
    api('POST', `/claims/${claim.id}/verdicts`, who.token, { rating, rationale: 'The port accounts say so.' });

  /** The claim texts of the queue table, in order. */
  const queueTexts = (page: Page): Promise<string[]> => page.locator('.queue-table__claim a').allTextContents();
  const rowOf = (page: Page, claim: ClaimJson) => page.locator('.queue-table tbody tr', { hasText: claim.text });

  async function follow(page: Page, name: string): Promise<void> {
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name, exact: true }).click()]);
  }

  beforeAll(async () => {
    world = await BrowserWorld.start();
    [editor, me, first, second, submitter] = await Promise.all([
      world.user('editor'),
      world.user('reviewer'),
      world.user('reviewer'),
      world.user('reviewer'),
      world.user('submitter'),
    ]);
    open = await submit('The harbour dredging cost four million pounds.');
    split = await submit('The harbour took in a record number of cruise ships.');
    agreed = await submit('The harbour master’s office was closed for a month.');
    fresh = await submit('The harbour car park doubled its prices.');
    // Into review in this order: the split claim has waited longest in its status.
    await toReview(split);
    await toReview(open);
    await toReview(agreed);
    await verdict(split, first, 'true');
    await verdict(split, second, 'false');
    await verdict(agreed, first, 'mostly_true');
    await verdict(agreed, second, 'mostly_true');
    await eventually(
      async () =>
        (await api<ClaimJson>('GET', `/claims/${agreed.id}`, editor.token)).status === 'awaiting_approval'
          ? true
          : undefined,
      20_000,
      'consensus on the agreed claim',
    );
  });

  afterAll(async () => {
    await world?.close();
  });

  it('shows each claim’s verdict count and split flag, and no rating, to a reviewer without a verdict', async () => {
    const page = await world.loggedIn(me, { javaScriptEnabled: false });
    await page.goto('/claims');

    await expect(page.getByRole('columnheader', { name: 'Verdicts' }).count()).resolves.toBe(1);
    await expect(page.getByRole('columnheader', { name: 'Split' }).count()).resolves.toBe(1);
    await expect(rowOf(page, split).locator('.queue-table__votes').textContent()).resolves.toBe('2');
    await expect(rowOf(page, split).locator('.split-flag').textContent()).resolves.toBe('Split');
    await expect(rowOf(page, agreed).locator('.queue-table__votes').textContent()).resolves.toBe('2');
    await expect(rowOf(page, agreed).locator('.split-flag').count()).resolves.toBe(0);
    await expect(rowOf(page, fresh).locator('.queue-table__votes').textContent()).resolves.toBe('0');
    // Blind review: the queue names no rating.
    const table = (await page.locator('.queue-table').textContent()) ?? '';
    expect(table).not.toMatch(/mostly true|\bTrue\b|\bFalse\b/i);
  });

  it('offers saved filters one click away: needs my verdict, awaiting approval, split', async () => {
    const page = await world.loggedIn(me, { javaScriptEnabled: false });
    await page.goto('/claims');

    await follow(page, 'Needs my verdict');
    // In review, assigned to nobody (or me), no verdict of mine; longest in review first.
    expect(await queueTexts(page)).toEqual([split.text, open.text]);
    await expect(
      page
        .getByRole('navigation', { name: 'Saved filters' })
        .getByRole('link', { name: 'Needs my verdict' })
        .getAttribute('aria-current'),
    ).resolves.toBe('page');
    await expect(page.getByLabel('Needs my verdict').isChecked()).resolves.toBe(true);

    await follow(page, 'Awaiting approval');
    expect(await queueTexts(page)).toEqual([agreed.text]);
    await expect(page.getByLabel('Status', { exact: true }).inputValue()).resolves.toBe('awaiting_approval');

    await follow(page, 'Split');
    expect(await queueTexts(page)).toEqual([split.text]);
    await expect(page.getByLabel('Split verdicts').isChecked()).resolves.toBe(true);

    // Once I give my verdict, the claim no longer needs it.
    await verdict(open, me, 'false');
    await follow(page, 'Needs my verdict');
    expect(await queueTexts(page)).toEqual([split.text]);

    // A submitter gives no verdicts: no such filter for them.
    const asSubmitter = await world.loggedIn(submitter, { javaScriptEnabled: false });
    await asSubmitter.goto('/claims');
    await expect(asSubmitter.getByRole('link', { name: 'Needs my verdict' }).count()).resolves.toBe(0);
    await expect(asSubmitter.getByRole('link', { name: 'Awaiting approval' }).count()).resolves.toBe(1);
  });

  it('sorts newest first, oldest first, or longest in their status first', async () => {
    const page = await world.loggedIn(editor, { javaScriptEnabled: false });
    await page.goto('/claims');
    expect(await queueTexts(page)).toEqual([fresh.text, agreed.text, split.text, open.text]);

    for (const [label, expected] of [
      ['Oldest first', [open.text, split.text, agreed.text, fresh.text]],
      // The fresh claim has been submitted since it was made; the others moved later.
      ['Longest in their status', [fresh.text, split.text, open.text, agreed.text]],
    ] as const) {
      await page.getByLabel('Sort').selectOption({ label });
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Show claims' }).click()]);
      expect(await queueTexts(page)).toEqual(expected);
    }
    expect(new URL(page.url()).searchParams.get('sort')).toBe('status_age');
    await expect(page.getByLabel('Sort').inputValue()).resolves.toBe('status_age');
  });

  it('pages forwards and back with Next page and Previous page, keeping the filters and sort', async () => {
    const page = await world.loggedIn(editor, { javaScriptEnabled: false });
    await page.goto('/claims?tag=harbour&sort=oldest&limit=1');
    const expected = [open.text, split.text, agreed.text, fresh.text];
    const seen = [await queueTexts(page)];
    await expect(page.getByRole('link', { name: 'Previous page' }).count()).resolves.toBe(0);
    while ((await page.getByRole('link', { name: 'Next page' }).count()) > 0) {
      await follow(page, 'Next page');
      seen.push(await queueTexts(page));
    }
    expect(seen).toEqual(expected.map((text) => [text]));

    const back: string[][] = [];
    while ((await page.getByRole('link', { name: 'Previous page' }).count()) > 0) {
      await follow(page, 'Previous page');
      const url = new URL(page.url());
      expect([url.searchParams.get('tag'), url.searchParams.get('sort'), url.searchParams.get('limit')]).toEqual([
        'harbour',
        'oldest',
        '1',
      ]);
      back.push(await queueTexts(page));
    }
    expect(back).toEqual(
      expected
        .slice(0, -1)
        .reverse()
        .map((text) => [text]),
    );
    // Back on the first page, Next page goes on from there.
    await follow(page, 'Next page');
    expect(await queueTexts(page)).toEqual([split.text]);
  });

  it('shows a bad sort as an error with status 400, and has no serious accessibility problems', async () => {
    const page = await world.loggedIn(editor);
    const response = await page.goto('/claims?sort=loudest');
    expect(response?.status()).toBe(400);
    await expect(page.locator('.error-summary').textContent()).resolves.toContain(
      'Sort must be one of newest, oldest, status_age',
    );

    await page.goto('/claims?split=true&sort=status_age');
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto('/claims');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'claims-queue-saved-filters');
  });
});
