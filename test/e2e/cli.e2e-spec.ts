import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, eventually, freePort, queueBackends, runCli } from '@claimdesk/testing';
import { logInOverHttp, TestApi, testPassword } from '../support/api-harness';

describe('the CLI on bad input', () => {
  it('names every invalid variable on a line of its own and exits 78', async () => {
    const result = await runCli({ PORT: 'eighty', REDIS_URL: 'http://nope' }, ['migrate']);
    expect(result.code).toBe(78);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toEqual(
      expect.arrayContaining([
        '  REDIS_URL must be a redis:// or rediss:// URL',
        '  PORT must be an integer between 0 and 65535',
      ]),
    );
  });

  it('refuses an unknown command on one line, saying where the commands are listed, exit 2', async () => {
    const result = await runCli({}, ['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: unknown command "frobnicate" (npm run cli -- help lists the commands)\n');
  });

  it('refuses an unknown option and a bad value, exit 2, before touching the database', async () => {
    const unknown = await runCli({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, ['migrate', '--force']);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toMatch(/^error: Unknown option '--force'/);

    const badTimeout = await runCli({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, [
      'ping',
      '--timeout',
      'soon',
    ]);
    expect(badTimeout).toMatchObject({ code: 2, stderr: 'error: --timeout must be a positive number of seconds\n' });
  });

  it('fails on one error line with no stack trace when Redis is unreachable, logs aside', async () => {
    const database = await createTestDatabase();
    try {
      const result = await runCli({ DATABASE_URL: database.url, REDIS_URL: 'redis://127.0.0.1:1' }, [
        'ping',
        '--timeout',
        '2',
      ]);

      expect(result).toMatchObject({ code: 2, stdout: '' });
      const lines = result.stderr.trimEnd().split('\n');
      // Before, BullMQ printed each connection retry's error with its stack (`    at TCPConnectWrap…`).
      expect(lines.filter((line) => !line.startsWith('{"level":'))).toEqual([
        expect.stringMatching(/^error: no worker answered ping \S+ within 2 s/),
      ]);
      expect(lines.at(-1)).toMatch(/^error: /);
    } finally {
      await database.drop();
    }
  });

  it('reports an unreachable database as a failure, exit 1', async () => {
    const result = await runCli({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, ['migrate']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*ECONNREFUSED/);
  });
});

describe('account commands', () => {
  let api: TestApi;
  const env = () => ({ DATABASE_URL: api.database.url });

  beforeAll(async () => {
    api = await TestApi.start(queueBackends()[0]!);
  });

  afterAll(async () => {
    await api?.close();
  });

  const claimsStatus = async (token: string): Promise<number> =>
    (await api.request('GET', '/api/v1/claims', { token })).status;

  const eventsAbout = (userId: string) =>
    api.db.manager.query<{ action: string; actor_id: string | null; data: Record<string, unknown> }[]>(
      `SELECT action, actor_id, data FROM events WHERE user_id = $1 ORDER BY id`,
      [userId],
    );

  it('deactivates a user from another process: their token, just used and cached by the API, and their session stop at once', async () => {
    const user = await api.newUser('reviewer');
    const session = await api.webSession(user);
    expect(await claimsStatus(user.token)).toBe(200);

    const result = await runCli(env(), ['user:deactivate', '--email', user.email]);

    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining(`Deactivated ${user.name}`) as string });
    // The API cached the lookup for 10 s; the CLI's change reaches it at once, not when the entry expires.
    await eventually(async () => ((await claimsStatus(user.token)) === 401 ? true : undefined), 2_000, 'refusal');
    const page = await api.request('GET', '/claims', { headers: { cookie: session.cookie, accept: 'text/html' } });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toMatch(/^\/login/);
    await expect(logInOverHttp(api.baseUrl, user.email, testPassword)).rejects.toThrow();
    expect(await eventsAbout(user.id)).toEqual([
      { action: 'user.deactivated', actor_id: null, data: { sessionsEnded: 1, tokensRevoked: 1 } },
    ]);

    const again = await runCli(env(), ['user:deactivate', '--email', user.email]);
    expect(again).toMatchObject({ code: 0, stdout: `${user.name} <${user.email}> was already deactivated\n` });
    const token = await runCli(env(), ['token:create', '--email', user.email]);
    expect(token).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `error: ${user.email} is deactivated: reactivate the account first.\n`,
    });

    const back = await runCli(env(), ['user:reactivate', '--email', user.email]);
    expect(back.code).toBe(0);
    await expect(logInOverHttp(api.baseUrl, user.email, testPassword)).resolves.toMatchObject({});
    // Its tokens were revoked, not suspended: a reactivated account needs new ones.
    expect(await claimsStatus(user.token)).toBe(401);
  });

  it('changes a role from another process, which the API applies to a cached token at once', async () => {
    const user = await api.newUser('submitter');
    const editorOnly = () =>
      api.request('POST', '/api/v1/claims/00000000-0000-4000-8000-000000000000/assignments', {
        token: user.token,
        body: { reviewerEmail: 'nobody@example.org' },
      });
    expect((await editorOnly()).status).toBe(403);

    const result = await runCli(env(), ['user:role', '--email', user.email, '--role', 'editor']);

    expect(result).toMatchObject({ code: 0, stdout: `${user.name} <${user.email}> is now an editor\n` });
    await eventually(async () => ((await editorOnly()).status === 404 ? true : undefined), 2_000, 'the new role');
    expect(await eventsAbout(user.id)).toEqual([
      { action: 'user.role_changed', actor_id: null, data: { from: 'submitter', to: 'editor' } },
    ]);
    const bad = await runCli(env(), ['user:role', '--email', user.email, '--role', 'owner']);
    expect(bad).toMatchObject({
      code: 2,
      stderr: 'error: The role is not valid. --role must be one of submitter, reviewer, editor, admin.\n',
    });
  });

  it('resets a password, printed once; the old one and the open sessions stop working', async () => {
    const user = await api.newUser('editor');
    const session = await api.webSession(user);

    const result = await runCli(env(), ['user:reset-password', '--email', user.email]);

    expect(result.code).toBe(0);
    const password = /^Password \(shown once\): (\S+)$/m.exec(result.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const page = await api.request('GET', '/claims', { headers: { cookie: session.cookie, accept: 'text/html' } });
    expect(page.status).toBe(303);
    await expect(logInOverHttp(api.baseUrl, user.email, testPassword)).rejects.toThrow();
    await expect(logInOverHttp(api.baseUrl, user.email, password!)).resolves.toMatchObject({});
    expect(JSON.stringify(await eventsAbout(user.id))).not.toContain(password);
  });

  it('refuses to leave no active admin, on one line, exit 2, changing nothing', async () => {
    const admin = await api.newUser('admin');
    await api.db.manager.query(`UPDATE users SET role = 'editor' WHERE role = 'admin' AND id <> $1`, [admin.id]);

    for (const args of [
      ['user:deactivate', '--email', admin.email],
      ['user:role', '--email', admin.email, '--role', 'reviewer'],
    ]) {
      const result = await runCli(env(), args);
      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toMatch(
        /^error: Cannot .* they are the only active admin.*Make another user an admin first\.\n$/,
      );
    }
    expect(await claimsStatus(admin.token)).toBe(200);
    expect(await eventsAbout(admin.id)).toEqual([]);
  });

  it('names a missing option and an unknown user on one line, exit 2', async () => {
    await expect(runCli(env(), ['user:deactivate'])).resolves.toMatchObject({
      code: 2,
      stderr: 'error: user:deactivate needs --email\n',
    });
    await expect(runCli(env(), ['user:reset-password', '--email', 'nobody@example.org'])).resolves.toMatchObject({
      code: 2,
      stderr: 'error: No user has the email nobody@example.org.\n',
    });
  });
});

describe('the CLI beside a running service', () => {
  let api: TestApi;
  let dataDir: string;
  const servicePort = () => new URL(api.baseUrl).port;

  beforeAll(async () => {
    api = await TestApi.start(queueBackends()[0]!);
  });

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'claimdesk-cli-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  afterAll(async () => {
    await api?.close();
  });

  const createUser = (env: Record<string, string>) =>
    runCli(env, ['user:create', '--email', `beside-${Date.now()}@example.org`, '--name', 'Beside', '--role', 'editor']);

  it('refuses to create a new embedded database while a service with another one answers on its port', async () => {
    const result = await createUser({ DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: servicePort() });

    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr.split('\n')).toEqual([expect.any(String), '']);
    expect(result.stderr).toMatch(new RegExp(`^error: no database in DATA_DIR ${dataDir} `));
    expect(result.stderr).toContain(`a Claimdesk service answers at ${api.baseUrl}`);
    expect(result.stderr).toMatch(/set DATABASE_URL to the service's, or DATA_DIR to the folder/);
    expect(readdirSync(dataDir)).toEqual([]);

    // Pointed at the service's database, the same command works.
    const pointed = await createUser({ DATABASE_URL: api.database.url, HOST: '127.0.0.1', PORT: servicePort() });
    expect(pointed.code).toBe(0);
  });

  it('creates its database with no service on the port, then refuses to start it beside a service using another', async () => {
    const alone = await runCli({ DATA_DIR: dataDir, PORT: String(await freePort()) }, ['migrate']);
    expect(alone).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Applied \d+ migration/) as string });

    const beside = await runCli({ DATA_DIR: dataDir, PORT: servicePort() }, ['migrate']);

    expect(beside).toMatchObject({ code: 2, stdout: '' });
    expect(beside.stderr).toMatch(
      new RegExp(`^error: the embedded database in DATA_DIR ${dataDir} is not running .*Nothing was started\\.\n$`),
    );
  });
});

describe("the README's import example", () => {
  let api: TestApi;

  beforeAll(async () => {
    // No host may be fetched: the example must work without the internet.
    api = await TestApi.start(queueBackends()[0]!, { worker: true, env: { FETCH_ALLOWED_HOSTS_ONLY: 'true' } });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('runs offline, from a file kept in the repository', async () => {
    const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    const command = /^npm run cli -- (import:article --file .*)$/m.exec(readme)?.[1];
    expect(command).toBeDefined();
    const args = [...command!.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2]!);

    const result = await runCli({ DATABASE_URL: api.database.url, FETCH_ALLOWED_HOSTS_ONLY: 'true' }, args);

    expect(result).toMatchObject({ code: 0, stderr: expect.not.stringContaining('error:') as string });
    const [sourceId, heading, first] = result.stdout.split('\n');
    expect(sourceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(heading).toMatch(/^Best candidate claims \(\d+/);
    expect(first).toMatch(/^ 1\. \[\d+%\] /);
    expect(result.stdout).toContain('Ingrid Hallsten');
  });
});
