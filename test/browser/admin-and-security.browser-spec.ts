import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { AccountsService } from '@claimdesk/accounts';
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

/** A loopback server for the webhook deliveries: answers 200 and keeps what it got. */
interface Receiver {
  host: string;
  url: (path: string) => string;
  received: { path: string; headers: IncomingHttpHeaders; body: string }[];
  close: () => Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const received: Receiver['received'] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        path: request.url ?? '/',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(200, { 'content-type': 'text/plain' }).end('thanks');
    });
  });
  const port = await listen(server);
  return {
    host: `127.0.0.1:${port}`,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    close: () => closeServer(server),
  };
}

/**
 * Another site (`localhost` is another origin, and another site, than the
 * app's `127.0.0.1`) whose page holds a form aimed at the app.
 */
async function startAttacker(appUrl: string): Promise<{ url: string; close: () => Promise<void> }> {
  const page = `<!doctype html><html lang="en"><head><title>Win a prize</title></head><body>
    <form method="post" action="${appUrl}/admin/users">
      <input type="hidden" name="email" value="intruder@attacker.example">
      <input type="hidden" name="name" value="Intruder">
      <input type="hidden" name="role" value="admin">
      <input type="hidden" name="_csrf" value="guessed">
      <button type="submit">Claim your prize</button>
    </form></body></html>`;
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  const port = await listen(server);
  return { url: `http://localhost:${port}/`, close: () => closeServer(server) };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

describeInBrowser('admin pages and their protection', () => {
  let world: BrowserWorld;
  let receiver: Receiver;
  let admin: WebUser;
  let adminPage: Page;

  beforeAll(async () => {
    receiver = await startReceiver();
    world = await BrowserWorld.start(undefined, { env: { FETCH_ALLOWED_HOSTS: receiver.host } });
    admin = await world.user('admin');
    adminPage = await world.loggedIn(admin);
  });

  afterAll(async () => {
    await world?.close();
    await receiver?.close();
  });

  const userEmails = async (): Promise<string[]> =>
    (await world.api.app.get(AccountsService).listUsers()).map((user) => user.email);

  /** The session and CSRF cookies of a page's context, as a Cookie header. */
  const cookieHeader = async (page: Page): Promise<string> =>
    (await page.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');

  /** The CSRF token of the layout's Log out form: a valid token of the page's own session. */
  const ownCsrfToken = (page: Page): Promise<string> =>
    page.locator('form[action="/logout"] input[name="_csrf"]').inputValue();

  const tokensOf = async (userId: string, name: string): Promise<number> =>
    (await world.api.app.get(AccountsService).listUsers())
      .find((user) => user.id === userId)!
      .tokens.filter((token) => token.name === name).length;

  const eventsAbout = (userId: string) =>
    world.api.db.manager.query<{ action: string; actor_id: string | null; data: Record<string, unknown> }[]>(
      `SELECT action, actor_id, data FROM events WHERE user_id = $1 ORDER BY id`,
      [userId],
    );

  /** Clicks a button of the admin users page that posts and redirects, and waits for the page it lands on. */
  const postAndLand = async (page: Page, button: string, landing: string): Promise<void> => {
    await Promise.all([page.waitForURL(landing), page.getByRole('button', { name: button, exact: true }).click()]);
  };

  const apiStatus = async (token: string): Promise<number> =>
    (await fetch(`${world.baseUrl}/api/v1/claims`, { headers: { authorization: `Bearer ${token}` } })).status;

  describe('users and tokens', () => {
    it('creates a user with a generated password shown once, with which the user logs in', async () => {
      const page = adminPage;
      const email = `new-editor-${Date.now()}@example.org`;
      await page.goto('/admin/users');
      await expect(page.title()).resolves.toBe('Users and API tokens – Claimdesk');
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Name', { exact: true }).fill('Nell Newcomer');
      await page.getByLabel('Role', { exact: true }).selectOption('editor');
      const [response] = await Promise.all([
        page.waitForResponse((candidate) => candidate.request().method() === 'POST'),
        page.getByRole('button', { name: 'Create the user' }).click(),
      ]);
      expect(response.status()).toBe(201);
      await expect(page.getByRole('heading', { name: 'Copy the new password now' }).isVisible()).resolves.toBe(true);
      await expect(page.locator('.admin-secret').textContent()).resolves.toContain(
        `Nell Newcomer (${email}) can log in as an editor with this password.`,
      );
      const password = (await page.locator('#shown-secret').textContent()) ?? '';
      expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
      await expect(page.getByRole('row', { name: /Nell Newcomer/ }).textContent()).resolves.toContain('Editor');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'admin-users');

      // Once: the page seen again has no secret in it.
      await page.goto('/admin/users');
      await expect(page.locator('#shown-secret').count()).resolves.toBe(0);
      expect(await page.content()).not.toContain(password);

      const newcomer = await (await world.context()).newPage();
      await logIn(newcomer, { email, password });
      expect(new URL(newcomer.url()).pathname).toBe('/claims');
      await expect(newcomer.locator('.signed-in').textContent()).resolves.toContain('Nell Newcomer');
      await newcomer.context().close();
    });

    it('shows the error summary and keeps the values for a taken email, then for a bad one', async () => {
      const page = adminPage;
      const before = await userEmails();
      await page.goto('/admin/users');
      await page.getByLabel('Email').fill(admin.email.toUpperCase());
      await page.getByLabel('Name', { exact: true }).fill('Second Admin');
      await page.getByLabel('Role', { exact: true }).selectOption('admin');
      await page.getByLabel('Password').fill('a long enough password');
      const [taken] = await Promise.all([
        page.waitForResponse((candidate) => candidate.request().method() === 'POST'),
        page.getByRole('button', { name: 'Create the user' }).click(),
      ]);
      expect(taken.status()).toBe(409);
      await expect(page.title()).resolves.toBe('Error: Users and API tokens – Claimdesk');
      const summary = page.getByRole('alert');
      await expect(summary.textContent()).resolves.toContain('Email is already used by another user');
      await expect(page.getByLabel('Email').inputValue()).resolves.toBe(admin.email.toUpperCase());
      await expect(page.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe('Second Admin');
      await expect(page.getByLabel('Role', { exact: true }).inputValue()).resolves.toBe('admin');
      await expect(page.getByLabel('Password').inputValue()).resolves.toBe('');
      await summary.getByRole('link').click();
      await expect(page.locator('#user-email:focus').count()).resolves.toBe(1);

      await page.getByLabel('Email').fill('not an email');
      await page.getByLabel('Name', { exact: true }).fill('');
      const [bad] = await Promise.all([
        page.waitForResponse((candidate) => candidate.request().method() === 'POST'),
        page.getByRole('button', { name: 'Create the user' }).click(),
      ]);
      expect(bad.status()).toBe(400);
      const messages = await page.getByRole('alert').getByRole('listitem').allTextContents();
      expect(messages).toEqual(['Email must be an email address.', 'Name must be 1–200 characters.']);
      await expect(page.getByLabel('Email').inputValue()).resolves.toBe('not an email');
      await expect(page.getByLabel('Email').getAttribute('aria-invalid')).resolves.toBe('true');
      expect(await seriousViolations(page)).toEqual([]);
      expect(await userEmails()).toEqual(before);
    });

    it('creates an API token shown once that the API accepts, until it is revoked', async () => {
      const page = adminPage;
      const owner = await world.user('reviewer');
      await page.goto('/admin/users');
      const section = page.locator(`#user-${owner.id}`);

      await section.getByRole('button', { name: `Create a token for ${owner.name}` }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toContain('Token name is needed');
      await page.getByRole('alert').getByRole('link').click();
      await expect(page.locator(`#token-name-${owner.id}:focus`).count()).resolves.toBe(1);

      await page.getByLabel(`Name of a new token for ${owner.name}`).fill('nightly import');
      const [response] = await Promise.all([
        page.waitForResponse((candidate) => candidate.request().method() === 'POST'),
        page
          .locator(`#user-${owner.id}`)
          .getByRole('button', { name: `Create a token for ${owner.name}` })
          .click(),
      ]);
      // POST-redirect-GET: the token is shown on the page redirected to, never in its URL.
      expect(response.status()).toBe(303);
      await page.waitForURL('**/admin/users?done=token');
      await expect(page.locator('.admin-secret').textContent()).resolves.toContain(
        `“nightly import” is an API token of ${owner.name}`,
      );
      const token = (await page.locator('#shown-secret').textContent()) ?? '';
      expect(token).toMatch(/^cd_/);
      expect(page.url()).not.toContain(token);
      expect(await apiStatus(token)).toBe(200);
      expect(await seriousViolations(page)).toEqual([]);

      // Reloading the page that showed it makes no second token, and does not show it again.
      await page.reload();
      expect(await page.content()).not.toContain(token);
      await expect(page.getByRole('status').textContent()).resolves.toContain('shown once and cannot be shown again');
      expect(await tokensOf(owner.id, 'nightly import')).toBe(1);

      await page.goto('/admin/users');
      expect(await page.content()).not.toContain(token);
      const row = page.locator(`#user-${owner.id}`).getByRole('row', { name: /nightly import/ });
      await expect(row.textContent()).resolves.toContain(token.slice(0, 10));
      await Promise.all([
        page.waitForURL('**/admin/users?done=revoked'),
        row.getByRole('button', { name: `Revoke the token nightly import of ${owner.name}` }).click(),
      ]);
      await expect(page.getByRole('status').textContent()).resolves.toContain('The token was revoked');
      await expect(
        page
          .locator(`#user-${owner.id}`)
          .getByRole('row', { name: /nightly import/ })
          .textContent(),
      ).resolves.toContain('Revoked');
      expect(await apiStatus(token)).toBe(401);
      // The harness's own token of the user still works: only the one revoked is refused.
      expect(await apiStatus(owner.token)).toBe(200);
    });
  });

  describe('accounts', () => {
    it('deactivates a user: their open page and token stop at once, they cannot log in, until reactivated', async () => {
      const user = await world.user('reviewer');
      const userPage = await world.loggedIn(user);
      expect(await apiStatus(user.token)).toBe(200);
      const page = adminPage;
      await page.goto('/admin/users');

      await postAndLand(page, `Deactivate ${user.name}`, `**/admin/users?done=deactivated#user-${user.id}`);

      await expect(page.getByRole('status').first().textContent()).resolves.toContain('The account was deactivated');
      await expect(
        page
          .getByRole('row', { name: new RegExp(user.name) })
          .first()
          .textContent(),
      ).resolves.toContain('Deactivated');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'admin-users-deactivated');
      expect(await apiStatus(user.token)).toBe(401);
      await userPage.reload();
      expect(new URL(userPage.url()).pathname).toBe('/login');
      await userPage.getByLabel('Email').fill(user.email);
      await userPage.getByLabel('Password').fill(user.password);
      await userPage.getByRole('button', { name: 'Log in' }).click();
      await expect(userPage.getByRole('alert').textContent()).resolves.toContain(
        'belongs to a deactivated account: ask an admin to reactivate it',
      );
      // No new token for a closed account: the form is gone.
      await expect(
        page
          .locator(`#user-${user.id}`)
          .getByRole('button', { name: /^Create a token/ })
          .count(),
      ).resolves.toBe(0);

      await postAndLand(page, `Reactivate ${user.name}`, `**/admin/users?done=reactivated#user-${user.id}`);
      await logIn(userPage, user);
      expect(new URL(userPage.url()).pathname).toBe('/claims');
      expect(await apiStatus(user.token)).toBe(401);
      expect(await eventsAbout(user.id)).toEqual([
        { action: 'user.deactivated', actor_id: admin.id, data: { sessionsEnded: 1, tokensRevoked: 1 } },
        { action: 'user.reactivated', actor_id: admin.id, data: {} },
      ]);
      await userPage.context().close();
    });

    it('changes a role, and refuses to demote or deactivate the last active admin', async () => {
      const user = await world.user('reviewer');
      const page = adminPage;
      await page.goto('/admin/users');

      await page.getByLabel(`Role of ${user.name}`).selectOption('editor');
      await postAndLand(page, `Change the role of ${user.name}`, `**/admin/users?done=role#user-${user.id}`);
      await expect(
        page
          .getByRole('row', { name: new RegExp(user.name) })
          .first()
          .textContent(),
      ).resolves.toContain('Editor');
      await expect(page.getByLabel(`Role of ${user.name}`).inputValue()).resolves.toBe('editor');
      expect(await eventsAbout(user.id)).toEqual([
        { action: 'user.role_changed', actor_id: admin.id, data: { from: 'reviewer', to: 'editor' } },
      ]);

      await world.api.db.manager.query(`UPDATE users SET role = 'editor' WHERE role = 'admin' AND id <> $1`, [
        admin.id,
      ]);
      await page.goto('/admin/users');
      await page.getByLabel(`Role of ${admin.name}`).selectOption('editor');
      const [demoted] = await Promise.all([
        page.waitForResponse((candidate) => candidate.request().method() === 'POST'),
        page.getByRole('button', { name: `Change the role of ${admin.name}`, exact: true }).click(),
      ]);
      expect(demoted.status()).toBe(409);
      await expect(page.title()).resolves.toBe('Error: Users and API tokens – Claimdesk');
      await expect(page.getByRole('alert').textContent()).resolves.toContain('they are the only active admin');
      await expect(page.getByLabel(`Role of ${admin.name}`).getAttribute('aria-invalid')).resolves.toBe('true');
      expect(await seriousViolations(page)).toEqual([]);

      const [deactivated] = await Promise.all([
        page.waitForResponse((candidate) => candidate.request().method() === 'POST'),
        page.getByRole('button', { name: `Deactivate ${admin.name}`, exact: true }).click(),
      ]);
      expect(deactivated.status()).toBe(409);
      await page.getByRole('alert').getByRole('link').click();
      await expect(page.locator(`#deactivate-${admin.id}:focus`).count()).resolves.toBe(1);
      expect(await apiStatus(admin.token)).toBe(200);
      expect(await eventsAbout(admin.id)).toEqual([]);
    });

    it('resets a password, shown once after a redirect; a reload resets nothing', async () => {
      const user = await world.user('editor');
      const userPage = await world.loggedIn(user);
      const page = adminPage;
      await page.goto('/admin/users');

      const [response] = await Promise.all([
        page.waitForResponse((candidate) => candidate.request().method() === 'POST'),
        page.getByRole('button', { name: `Reset the password of ${user.name}`, exact: true }).click(),
      ]);
      expect(response.status()).toBe(303);
      await page.waitForURL('**/admin/users?done=password');
      await expect(page.getByRole('heading', { name: 'Copy the new password now' }).isVisible()).resolves.toBe(true);
      const password = (await page.locator('#shown-secret').textContent()) ?? '';
      expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(page.url()).not.toContain(password);

      await page.reload();
      expect(await page.content()).not.toContain(password);
      await expect(page.getByRole('status').textContent()).resolves.toContain('The password was reset');
      expect((await eventsAbout(user.id)).map((event) => event.action)).toEqual(['user.password_reset']);

      await userPage.reload();
      expect(new URL(userPage.url()).pathname).toBe('/login');
      await logIn(userPage, { email: user.email, password });
      expect(new URL(userPage.url()).pathname).toBe('/claims');
      await userPage.context().close();

      // An admin resetting their own password stays signed in, on the page that shows it.
      await Promise.all([
        page.waitForURL('**/admin/users?done=password'),
        page.getByRole('button', { name: `Reset the password of ${admin.name}`, exact: true }).click(),
      ]);
      await expect(page.locator('.admin-secret').textContent()).resolves.toContain('You log in with this password');
      const own = (await page.locator('#shown-secret').textContent()) ?? '';
      expect(own).toMatch(/^[A-Za-z0-9_-]{24}$/);
      admin = { ...admin, password: own };
      await page.goto('/admin/users');
      expect(new URL(page.url()).pathname).toBe('/admin/users');
    });

    it('refuses account changes from another site or without the session token', async () => {
      const user = await world.user('reviewer');
      const cookie = await cookieHeader(adminPage);
      const post = (path: string, headers: Record<string, string>, form: Record<string, string> = {}) =>
        fetch(`${world.baseUrl}${path}`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
          body: new URLSearchParams(form),
          redirect: 'manual',
        });
      await adminPage.goto('/admin/users');
      const token = await ownCsrfToken(adminPage);

      for (const path of [`/admin/users/${user.id}/deactivate`, `/admin/users/${user.id}/password`]) {
        expect((await post(path, { origin: world.baseUrl })).status).toBe(403);
        expect((await post(path, { origin: 'http://localhost:9' }, { _csrf: token })).status).toBe(403);
      }
      expect((await post(`/admin/users/${user.id}/role`, { origin: world.baseUrl }, { role: 'admin' })).status).toBe(
        403,
      );
      expect(await apiStatus(user.token)).toBe(200);
      expect(await eventsAbout(user.id)).toEqual([]);
      // A role that is not one, with a valid token, is shown as a form error.
      const bad = await post(
        `/admin/users/${user.id}/role`,
        { origin: world.baseUrl },
        { _csrf: token, role: 'owner' },
      );
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('Role must be one of submitter, reviewer, editor, admin');
      // An id that is not a user is a 404 page, not a change.
      const unknown = await post(
        '/admin/users/00000000-0000-4000-8000-000000000000/deactivate',
        {
          origin: world.baseUrl,
        },
        { _csrf: token },
      );
      expect(unknown.status).toBe(404);
    });
  });

  describe('webhooks', () => {
    it('adds a subscription with its secret shown once, lists its deliveries, sends one again and deletes it', async () => {
      const page = adminPage;
      await page.goto('/admin/webhooks');
      await page.getByLabel('URL').fill('ftp://files.example.org/in');
      const [invalid] = await Promise.all([
        page.waitForResponse((candidate) => candidate.request().method() === 'POST'),
        page.getByRole('button', { name: 'Add the subscription' }).click(),
      ]);
      expect(invalid.status()).toBe(400);
      const summary = await page.getByRole('alert').getByRole('listitem').allTextContents();
      expect(summary).toEqual(['Events must name at least one event.']);
      await expect(page.getByLabel('URL').inputValue()).resolves.toBe('ftp://files.example.org/in');
      expect(await seriousViolations(page)).toEqual([]);

      // The form checks the events first, the URL after: the wrong scheme is caught on the next post.
      await page.getByLabel('claim.submitted').check();
      await page.getByRole('button', { name: 'Add the subscription' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toContain('URL must be an http or https URL');
      await expect(page.getByLabel('claim.submitted').isChecked()).resolves.toBe(true);

      const url = receiver.url('/hook');
      await page.getByLabel('URL').fill(url);
      const [created] = await Promise.all([
        page.waitForResponse((candidate) => candidate.request().method() === 'POST'),
        page.getByRole('button', { name: 'Add the subscription' }).click(),
      ]);
      expect(created.status()).toBe(201);
      const secret = (await page.locator('#shown-secret').textContent()) ?? '';
      expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
      await expect(page.getByRole('row', { name: url }).textContent()).resolves.toContain('claim.submitted');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'admin-webhooks');

      const claim = await world.api.request('POST', '/api/v1/claims', {
        token: admin.token,
        body: { text: 'The admin pages sent this claim to a webhook' },
      });
      expect(claim.status).toBe(201);
      const first = await eventually(async () => receiver.received[0], 20_000, 'the first delivery');
      expect(first.headers['x-claimdesk-event']).toBe('claim.submitted');
      expect(first.headers['x-claimdesk-signature']).toBe(
        `sha256=${createHmac('sha256', secret).update(first.body).digest('hex')}`,
      );

      await page.goto('/admin/webhooks');
      expect(await page.content()).not.toContain(secret);
      await page.getByRole('link', { name: `Deliveries to ${url}` }).click();
      await page.waitForURL('**/admin/webhooks/*');
      await expect(page.title()).resolves.toBe('Webhook deliveries – Claimdesk');
      const delivery = page.getByRole('row', { name: /claim\.submitted/ });
      await eventually(
        async () => {
          if (((await delivery.textContent()) ?? '').includes('Delivered')) return true;
          await page.reload();
          return undefined;
        },
        15_000,
        'the delivery shown as delivered',
      );
      await expect(delivery.textContent()).resolves.toContain('HTTP 200');
      expect(await seriousViolations(page)).toEqual([]);

      await Promise.all([
        page.waitForURL('**?done=replayed'),
        delivery.getByRole('button', { name: /^Send again/ }).click(),
      ]);
      await expect(page.getByRole('status').textContent()).resolves.toContain('queued to be sent again');
      const again = await eventually(async () => receiver.received[1], 20_000, 'the delivery sent again');
      expect(again.headers['x-claimdesk-delivery']).toBe(first.headers['x-claimdesk-delivery']);
      expect(again.body).toBe(first.body);

      await page.getByRole('link', { name: 'All webhooks' }).click();
      await Promise.all([
        page.waitForURL('**/admin/webhooks?done=deleted'),
        page.getByRole('button', { name: `Delete the subscription of ${url}` }).click(),
      ]);
      await expect(page.getByRole('status').textContent()).resolves.toContain('The subscription was deleted');
      await expect(page.getByRole('row', { name: url }).count()).resolves.toBe(0);
      const listed = await world.api.request<{ items: unknown[] }>('GET', '/api/v1/webhooks', { token: admin.token });
      expect(listed.body.items).toEqual([]);
    });
  });

  describe('the queue dashboard', () => {
    it('lists the queues for an admin, without breaking its own CSP', async () => {
      const context = await world.context();
      const incidents = watchForScripts(context);
      const page = await context.newPage();
      await logIn(page, admin, '/admin/queues');
      expect(new URL(page.url()).pathname).toBe('/admin/queues');
      const sidebar = page.locator('a[href^="/admin/queues/queue/"]');
      await sidebar.first().waitFor({ timeout: 10_000 });
      expect((await sidebar.allTextContents()).map((name) => name.trim()).sort()).toEqual(
        expect.arrayContaining(['reviews', 'sources', 'system', 'webhooks']),
      );
      // Its web font comes from Google, which the CSP refuses (the system font stands in); nothing else may be refused.
      const refused = incidents.filter((incident) => /Content Security Policy/i.test(incident));
      expect(refused.filter((incident) => !incident.includes('https://fonts.googleapis.com/'))).toEqual([]);
      await context.close();
    });

    it('changes nothing on a request without an Origin of this site', async () => {
      const cookie = await cookieHeader(adminPage);
      const pause = (headers: Record<string, string>) =>
        fetch(`${world.baseUrl}/admin/queues/api/queues/sources/pause`, {
          method: 'PUT',
          headers: { cookie, ...headers },
        });
      const isPaused = async () => {
        const response = await fetch(`${world.baseUrl}/admin/queues/api/queues`, { headers: { cookie } });
        expect(response.status).toBe(200);
        const { queues } = (await response.json()) as { queues: { name: string; isPaused: boolean }[] };
        return queues.find((queue) => queue.name === 'sources')?.isPaused;
      };

      expect((await pause({})).status).toBe(403);
      expect((await pause({ origin: 'http://localhost:9' })).status).toBe(403);
      expect((await pause({ origin: world.baseUrl, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
      expect(await isPaused()).toBe(false);

      // The same request from the dashboard itself goes through: the refusals above are about origin alone.
      expect((await pause({ origin: world.baseUrl })).status).toBe(200);
      expect(await isPaused()).toBe(true);
      const resumed = await fetch(`${world.baseUrl}/admin/queues/api/queues/sources/resume`, {
        method: 'PUT',
        headers: { cookie, origin: world.baseUrl },
      });
      expect(resumed.status).toBe(200);
      expect(await isPaused()).toBe(false);
    });
  });

  describe('who may open the admin pages', () => {
    const adminPaths = ['/admin/users', '/admin/webhooks', '/admin/queues', '/admin/queues/api/queues'];

    it.each([
      ['a reviewer', 'reviewer'],
      ['an editor', 'editor'],
    ] as const)('refuses every admin page and form to %s', async (_who, role) => {
      const user = await world.user(role);
      const page = await world.loggedIn(user);
      for (const path of adminPaths) {
        const response = await page.goto(path);
        expect([path, response?.status()]).toEqual([path, 403]);
        // The page is loaded once goto returns: a missing heading fails at once rather than after 30 s.
        await expect(page.locator('h1').textContent({ timeout: 1000 })).resolves.toBe('You cannot open this page');
      }
      await expect(page.getByRole('link', { name: 'Users' }).count()).resolves.toBe(0);

      await page.goto('/claims');
      const email = `made-by-${role}-${Date.now()}@example.org`;
      const response = await page.request.post('/admin/users', {
        form: { _csrf: await ownCsrfToken(page), email, name: 'Made by a non-admin', role: 'admin' },
        headers: { origin: world.baseUrl },
        maxRedirects: 0,
      });
      expect(response.status()).toBe(403);
      expect(await response.text()).toContain('You cannot open this page');
      expect(await userEmails()).not.toContain(email);
      const adminEventsBefore = await eventsAbout(admin.id);
      for (const [path, form] of [
        [`/admin/users/${admin.id}/deactivate`, {}],
        [`/admin/users/${admin.id}/role`, { role: 'reviewer' }],
        [`/admin/users/${admin.id}/password`, {}],
        [`/admin/users/${user.id}/role`, { role: 'admin' }],
      ] as const) {
        const refused = await page.request.post(path, {
          form: { _csrf: await ownCsrfToken(page), ...form },
          headers: { origin: world.baseUrl },
          maxRedirects: 0,
        });
        expect([path, refused.status()]).toEqual([path, 403]);
      }
      expect(await apiStatus(admin.token)).toBe(200);
      expect(await eventsAbout(admin.id)).toEqual(adminEventsBefore);
      expect(await eventsAbout(user.id)).toEqual([]);
      await page.context().close();
    });

    it('sends an anonymous visitor to log in first', async () => {
      const page = await (await world.context()).newPage();
      for (const path of ['/admin/users', '/admin/webhooks', '/admin/queues']) {
        await page.goto(path);
        expect(page.url()).toBe(`${world.baseUrl}/login?next=${encodeURIComponent(path)}`);
      }
      await page.context().close();
    });
  });

  describe('cross-site requests', () => {
    it('refuses a form posted from another site, and creates nothing', async () => {
      const attacker = await startAttacker(world.baseUrl);
      try {
        const page = await adminPage.context().newPage();
        await page.goto(attacker.url);
        const [response] = await Promise.all([
          page.waitForResponse((candidate) => candidate.url() === `${world.baseUrl}/admin/users`),
          page.getByRole('button', { name: 'Claim your prize' }).click(),
        ]);
        expect(response.status()).toBe(403);
        await expect(page.locator('h1').textContent()).resolves.toBe('You cannot open this page');
        await expect(page.locator('.lead').textContent()).resolves.toContain('sent from another site');
        expect(await userEmails()).not.toContain('intruder@attacker.example');
        await page.close();
      } finally {
        await attacker.close();
      }
    });

    it('refuses a post of a logged-in admin without the token of its session', async () => {
      const page = adminPage;
      await page.goto('/admin/users');
      const post = (fields: Record<string, string>, email: string) =>
        page.request.post('/admin/users', {
          form: { email, name: 'Token Test', role: 'reviewer', ...fields },
          headers: { origin: world.baseUrl },
          maxRedirects: 0,
        });
      const missing = await post({}, 'no-token@example.org');
      const forged = await post({ _csrf: 'forged-token-value' }, 'forged-token@example.org');
      expect([missing.status(), forged.status()]).toEqual([403, 403]);
      expect(await forged.text()).toContain('did not come from this site');

      // The same post with the page's own token is accepted: the refusals are about the token alone.
      const valid = await post({ _csrf: await ownCsrfToken(page) }, 'with-token@example.org');
      expect(valid.status()).toBe(201);
      const emails = await userEmails();
      expect(emails).toContain('with-token@example.org');
      expect(emails).not.toContain('no-token@example.org');
      expect(emails).not.toContain('forged-token@example.org');
    });
  });
});
