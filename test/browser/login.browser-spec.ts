import { BrowserWorld, describeInBrowser, logIn, seriousViolations, screenshot } from '../support/browser-harness';

describeInBrowser('logging in', () => {
  let world: BrowserWorld;

  beforeAll(async () => {
    world = await BrowserWorld.start();
  });

  afterAll(async () => {
    await world?.close();
  });

  it('sends a visitor to the login page and back to the page they asked for', async () => {
    const user = await world.user('reviewer');
    const page = await (await world.context()).newPage();
    await page.goto('/claims?status=submitted');
    expect(new URL(page.url()).pathname).toBe('/login');
    await expect(page.title()).resolves.toBe('Log in – Claimdesk');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'login');

    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/claims?status=submitted');
    const cookies = await page.context().cookies();
    const session = cookies.find((cookie) => cookie.name === 'claimdesk_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });
  });

  it('shows one message for a wrong password, keeps the email, and links the summary to the field', async () => {
    const user = await world.user('reviewer');
    const page = await (await world.context()).newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.title()).resolves.toBe('Error: Log in – Claimdesk');
    const summary = page.getByRole('alert');
    await expect(summary.textContent()).resolves.toContain('Email or password is not right');
    await expect(page.getByLabel('Email').inputValue()).resolves.toBe(user.email);
    await expect(page.getByLabel('Password').inputValue()).resolves.toBe('');
    await summary.getByRole('link').click();
    // Following the summary's link puts focus on the field it names.
    await expect(page.locator('#email:focus').count()).resolves.toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('can be used with the keyboard alone: skip link first, then the fields in order, Enter submits', async () => {
    const user = await world.user('reviewer');
    const page = await (await world.context()).newPage();
    await page.goto('/login');
    const focused = () =>
      page.evaluate(
        'document.activeElement && (document.activeElement.id || document.activeElement.textContent.trim())',
      );

    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('Skip to main content');
    await page.keyboard.press('Enter');
    await expect(focused()).resolves.toBe('main');
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('email');
    await page.keyboard.type(user.email);
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('password');
    await page.keyboard.type(user.password);
    await Promise.all([page.waitForURL('**/claims'), page.keyboard.press('Enter')]);
    await expect(page.locator('h1').first().textContent()).resolves.toBe('Claims');
  });

  it('shows a page, not JSON, for a mistyped address, while the API keeps answering problem+json', async () => {
    const page = await world.loggedIn(await world.user('reviewer'));
    const response = await page.goto('/claimz');
    expect(response!.status()).toBe(404);
    await expect(page.title()).resolves.toBe('Page not found – Claimdesk');
    await expect(page.getByRole('navigation', { name: 'Main' }).isVisible()).resolves.toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    const api = await fetch(`${world.baseUrl}/api/v1/nope`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });

  it('logs out, after which the session cookie opens nothing', async () => {
    const user = await world.user('editor');
    const page = await world.loggedIn(user);
    const before = (await page.context().cookies()).find((cookie) => cookie.name === 'claimdesk_session');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    const replayed = await fetch(`${world.baseUrl}/claims`, {
      headers: { cookie: `claimdesk_session=${before!.value}` },
      redirect: 'manual',
    });
    expect(replayed.status).toBe(303);
    expect(replayed.headers.get('location')).toBe('/login?next=%2Fclaims');
  });

  /** Posts the login form over plain HTTP for `email` (with a form's cookie and CSRF token); answers the status. */
  async function loginPoster(email: string): Promise<(password: string) => Promise<number>> {
    const form = await fetch(`${world.baseUrl}/login`);
    const cookie = form.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .join('; ');
    const csrf = /name='_csrf' value='([^']+)'/.exec(await form.text())![1]!;
    return async (password) =>
      (
        await fetch(`${world.baseUrl}/login`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: csrf, email, password }),
          redirect: 'manual',
        })
      ).status;
  }

  it('limits login attempts per address and email', async () => {
    const user = await world.user('submitter');
    const other = await world.user('submitter');
    // The first ten wrong guesses go over plain HTTP (each still carries the form's CSRF token).
    const post = await loginPoster(user.email);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 10; attempt++) statuses.push(await post(`wrong guess ${attempt}`));
    expect(statuses).toEqual(Array(10).fill(401));

    // The eleventh, even with the right password, is refused in the browser with a page saying why.
    const page = await (await world.context()).newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => candidate.request().method() === 'POST'),
      page.getByRole('button', { name: 'Log in' }).click(),
    ]);
    expect(response.status()).toBe(429);
    await expect(page.locator('h1').textContent()).resolves.toBe('Too many requests');
    await expect(page.locator('main').textContent()).resolves.toContain('Try again in 15 minutes');

    // Another account from the same address is not locked out.
    await logIn(page, other);
    expect(new URL(page.url()).pathname).not.toBe('/login');
  });

  it('does not count successful logins toward the lockout, and a success clears earlier failures', async () => {
    const user = await world.user('submitter');
    const post = await loginPoster(user.email);
    const statuses: number[] = [];
    // Twelve logins that succeed (a desk where people sign in all day), then nine wrong passwords,
    // one right one, and nine wrong again: never ten failures in a row, so never locked out.
    for (let n = 0; n < 12; n++) statuses.push(await post(user.password));
    for (let n = 0; n < 9; n++) statuses.push(await post(`wrong ${n}`));
    statuses.push(await post(user.password));
    for (let n = 0; n < 9; n++) statuses.push(await post(`wrong again ${n}`));

    const times = (count: number, status: number): number[] => Array.from({ length: count }, () => status);
    expect(statuses).toEqual([...times(12, 303), ...times(9, 401), 303, ...times(9, 401)]);
    expect(await post(user.password)).toBe(303);
  });
});
