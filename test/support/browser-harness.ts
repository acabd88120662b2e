import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import {
  eventually,
  queueBackends,
  startFixtureSite,
  type FixtureSite,
  type TestQueueBackend,
} from '@claimdesk/testing';
import { TestApi } from './api-harness';

/** Debian's Chromium; `.ci/run` installs it when missing. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * `describe` for browser specs. Without Chromium they are skipped with a note,
 * so `npm test` passes on a machine that has only Node; under CI (`CI=true`,
 * where `.ci/run` installs Chromium) they always run, and fail if it is missing.
 */
export const describeInBrowser: jest.Describe =
  existsSync(chromiumPath) || process.env.CI === 'true' ? describe : skipWithoutChromium();

function skipWithoutChromium(): jest.Describe {
  process.stderr.write(
    `Browser specs skipped: no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH).\n`,
  );
  return describe.skip;
}

/** Where screenshots of the run are kept (test-results/ is ignored by git; CI keeps it as an artefact). */
export const screenshotDir = path.resolve(__dirname, '../../test-results/screenshots');

export interface WebUser {
  id: string;
  email: string;
  name: string;
  password: string;
  /** An API token of the same user, for setting up through the API. */
  token: string;
}

/**
 * One browser test file's world: the app (api + worker) on a fresh database,
 * a fixture site on loopback that source fetching may reach, and a headless
 * Chromium. Each test opens its own browser contexts (separate cookie jars,
 * one per user).
 */
export class BrowserWorld {
  private constructor(
    readonly api: TestApi,
    readonly site: FixtureSite,
    readonly browser: Browser,
  ) {}

  /**
   * Starts the world. `env` adds to the app's environment; its FETCH_ALLOWED_HOSTS
   * (a webhook receiver of the test, say) is allowed besides the fixture site.
   */
  static async start(
    backend: TestQueueBackend = queueBackends()[0]!,
    options: { env?: Record<string, string> } = {},
  ): Promise<BrowserWorld> {
    const site = await startFixtureSite();
    const allowedHosts = [site.host, options.env?.FETCH_ALLOWED_HOSTS].filter(Boolean).join(',');
    const api = await TestApi.start(backend, {
      worker: true,
      env: { ...options.env, FETCH_ALLOWED_HOSTS: allowedHosts, FETCH_ALLOWED_HOSTS_ONLY: 'true' },
    }).catch(async (error: unknown) => {
      await site.close();
      throw error;
    });
    const browser = await launchChromium().catch(async (error: unknown) => {
      await api.close();
      await site.close();
      throw error;
    });
    return new BrowserWorld(api, site, browser);
  }

  get baseUrl(): string {
    return this.api.baseUrl;
  }

  async close(): Promise<void> {
    await this.browser?.close();
    await this.api?.close();
    await this.site?.close();
  }

  /** A new user with `role` and a known password. */
  async user(role: 'submitter' | 'reviewer' | 'editor' | 'admin'): Promise<WebUser> {
    const user = await this.api.newUser(role);
    return { ...user, password: 'correct horse battery' };
  }

  /**
   * A browser context of its own (its own cookies), pointed at the app, that
   * fails the test on any dialog or page error: third-party text must never
   * run. Pass `javaScriptEnabled: false` to use the site as a no-JS visitor.
   */
  async context(options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
    const context = await this.browser.newContext({
      baseURL: this.baseUrl,
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      viewport: { width: 1280, height: 900 },
    });
    return context;
  }

  /**
   * Publishes a claim through the API workflow, as the desk would: in review,
   * one agreeing verdict per reviewer, the consensus job, then publish.
   */
  async publish(
    claimId: string,
    people: { editor: WebUser; reviewers: readonly WebUser[] },
    review: { rating: string; summary: string },
  ): Promise<void> {
    const call = async (token: string, path: string, body: unknown): Promise<Record<string, unknown>> => {
      const response = await this.api.request('POST', `/api/v1/claims/${claimId}${path}`, { token, body });
      if (response.status >= 300) throw new Error(`POST ${path}: ${response.status} ${response.text}`);
      return response.body;
    };
    await call(people.editor.token, '/transitions', { to: 'in_review' });
    for (const reviewer of people.reviewers) {
      await call(reviewer.token, '/verdicts', { rating: review.rating, rationale: 'The budget papers say otherwise.' });
    }
    await eventually(
      async () => {
        const { body } = await this.api.request('GET', `/api/v1/claims/${claimId}`, { token: people.editor.token });
        return body.status === 'awaiting_approval' ? true : undefined;
      },
      20_000,
      `consensus on ${claimId}`,
    );
    await call(people.editor.token, '/transitions', {
      to: 'published',
      rating: review.rating,
      summary: review.summary,
    });
  }

  /** A page in a new context, logged in as `user` through the login form. */
  async loggedIn(user: WebUser, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
    const context = await this.context(options);
    const page = await context.newPage();
    await logIn(page, user);
    return page;
  }
}

/** Logs in through the form, and waits for the page it lands on. */
export async function logIn(page: Page, user: { email: string; password: string }, next = '/claims'): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/login')),
    page.getByRole('button', { name: 'Log in' }).click(),
  ]);
}

/**
 * Everything that must never happen on a page showing third-party text:
 * dialogs (alert/confirm/prompt), uncaught page errors and console errors
 * (a CSP violation is one). Collects them from every page of the context.
 */
export function watchForScripts(context: BrowserContext): string[] {
  const incidents: string[] = [];
  const watch = (page: Page) => {
    page.on('dialog', (dialog) => {
      incidents.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => incidents.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') incidents.push(`console error: ${message.text()}`);
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return incidents;
}

/** axe-core's serious and critical violations on the page, as readable lines (empty when none). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    );
}

/** Saves a full-page screenshot as test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Headless Debian Chromium with the flags the issue asks for. */
function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
