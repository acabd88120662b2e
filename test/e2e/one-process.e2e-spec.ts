import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, runCli, type RunningProcess, startProcess, waitForHttp } from '@claimdesk/testing';
import { logInOverHttp, type WebSession } from '../support/api-harness';

/**
 * `npm start` with nothing configured: embedded PostgreSQL under DATA_DIR,
 * BullMQ on PostgreSQL, API and worker in one process.
 */
describe('the one-process deployment (npm start, no DATABASE_URL or REDIS_URL)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-e2e-'));
  let port: number;
  let server: RunningProcess | undefined;
  let session: WebSession | undefined;

  const env = () => ({ DATA_DIR: dataDir, PORT: String(port) });
  const startServer = async (): Promise<unknown> => {
    server = startProcess('server', env());
    return waitForHttp(`http://127.0.0.1:${port}/health/ready`, server);
  };
  const stopServer = async (): Promise<number | string> => {
    server!.child.kill('SIGTERM');
    const code = await server!.exited;
    server = undefined;
    return code;
  };
  const embeddedUrl = (): string => {
    const { user, password } = JSON.parse(fs.readFileSync(path.join(dataDir, 'postgres-credentials.json'), 'utf8')) as {
      user: string;
      password: string;
    };
    const lock = fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n');
    return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${lock[3]}/claimdesk`;
  };
  const pingsInDatabase = async (): Promise<number> => {
    const client = new pg.Client({ connectionString: embeddedUrl() });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>(
        'SELECT count(*) AS n FROM system_ping WHERE processed_at IS NOT NULL',
      );
      return Number(rows[0]?.n);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    port = await freePort();
  });

  afterAll(async () => {
    if (server) await stopServer();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves /health/ready with both backends named, within 60 s of a cold start', async () => {
    const started = Date.now();
    const ready = await startServer();
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(ready).toMatchObject({
      status: 'ok',
      info: {
        database: { status: 'up', backend: 'embedded-postgresql' },
        queue: { status: 'up', backend: 'postgresql' },
      },
    });
    const live = await fetch(`http://127.0.0.1:${port}/health/live`);
    expect(live.status).toBe(200);
    expect(live.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('runs the ping job on the PostgreSQL backend, with the CLI attached to the embedded database', async () => {
    const ping = await runCli(env(), ['ping', '--timeout', '30']);
    expect(ping.stderr).toBe('');
    expect(ping.stdout).toMatch(/^ping [0-9a-f-]{36} answered by a worker on the postgresql backend in \d+ ms\n$/);
    expect(ping.code).toBe(0);
    expect(server!.output()).toMatch(/"msg":"ping [0-9a-f-]{36} answered on the postgresql backend"/);
  });

  it('serves the web desk to a user made with the CLI, signing sessions with a secret kept in DATA_DIR', async () => {
    const email = 'grace@example.org';
    const created = await runCli(env(), [
      'user:create',
      '--email',
      email,
      '--name',
      'Grace Hopper',
      '--role',
      'editor',
      '--password',
      'correct horse battery',
    ]);
    expect(created.code).toBe(0);
    session = await logInOverHttp(`http://127.0.0.1:${port}`, email, 'correct horse battery');
    const queue = await fetch(`http://127.0.0.1:${port}/claims`, { headers: { cookie: session.cookie } });
    expect(queue.status).toBe(200);
    expect(queue.headers.get('content-security-policy')).toContain("script-src 'self'");
    await expect(queue.text()).resolves.toContain('Grace Hopper');
    const secret = fs.statSync(path.join(dataDir, 'session-secret'));
    expect(secret.mode & 0o777).toBe(0o600);
  });

  it('stops cleanly on SIGTERM, the embedded PostgreSQL with it', async () => {
    const lock = path.join(dataDir, 'postgres', 'postmaster.pid');
    const postgresPid = Number(fs.readFileSync(lock, 'utf8').split('\n')[0]);

    expect(await stopServer()).toBe(0);

    expect(() => process.kill(postgresPid, 0)).toThrow();
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('keeps the data, and the web sessions, when started again', async () => {
    await startServer();
    expect(await pingsInDatabase()).toBe(1);
    const queue = await fetch(`http://127.0.0.1:${port}/claims`, {
      headers: { cookie: session!.cookie },
      redirect: 'manual',
    });
    expect(queue.status).toBe(200);
  });

  it('lets the CLI start the embedded database itself when the service is not running', async () => {
    await stopServer();
    const migrate = await runCli(env(), ['migrate']);
    expect(migrate).toMatchObject({ code: 0, stdout: 'The database is up to date.\n' });
    expect(fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });
});
