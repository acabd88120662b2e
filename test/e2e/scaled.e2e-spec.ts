import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  clearQueueBackend,
  createTestDatabase,
  eventually,
  freePort,
  queueBackends,
  runCli,
  type RunningProcess,
  startProcess,
  type TestDatabase,
  waitForHttp,
} from '@claimdesk/testing';

/**
 * The scaled shape: `start:api` and `start:worker` as separate processes on an
 * external PostgreSQL (and Redis when configured), plus the crash guarantees.
 */
describe.each(queueBackends())('separate api and worker processes on the $kind backend', (backend) => {
  let database: TestDatabase;
  const running: RunningProcess[] = [];

  const env = (): Record<string, string | undefined> => ({
    DATABASE_URL: database.url,
    REDIS_URL: backend.redisUrl,
    QUEUE_PREFIX: backend.prefix,
  });
  const start = (app: 'api' | 'worker', extra: Record<string, string> = {}): RunningProcess => {
    const child = startProcess(app, { ...env(), ...extra });
    running.push(child);
    return child;
  };
  const stop = async (child: RunningProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | string> => {
    child.child.kill(signal);
    return child.exited;
  };
  const sql = async <T>(text: string, values: unknown[] = []): Promise<T[]> => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  };
  const waitForWorker = (worker: RunningProcess) =>
    eventually(
      async () => (worker.output().includes('Claimdesk worker started') ? true : undefined),
      30_000,
      'the worker',
    );

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    const alive = running.filter((child) => child.child.exitCode === null && child.child.signalCode === null);
    await Promise.all(alive.map((child) => stop(child, 'SIGKILL')));
    await clearQueueBackend(backend);
    await database?.drop();
  });

  it('serve and process jobs together', async () => {
    const port = await freePort();
    const api = start('api', { PORT: String(port) });
    const worker = start('worker');
    const ready = await waitForHttp(`http://127.0.0.1:${port}/health/ready`, api);
    expect(ready).toMatchObject({
      info: { database: { backend: 'external-postgresql' }, queue: { status: 'up', backend: backend.kind } },
    });
    await waitForWorker(worker);

    const ping = await runCli(env(), ['ping', '--timeout', '30']);
    expect(ping.stdout).toMatch(new RegExp(`answered by a worker on the ${backend.kind} backend`));
    expect(ping.code).toBe(0);

    expect(await stop(api)).toBe(0);
    expect(await stop(worker)).toBe(0);
  });

  it('lose no job when the process dies between commit and enqueue', async () => {
    // No worker runs, so nothing relays: the CLI commits the ping and its outbox row, then is killed.
    const cli = startProcess('cli', env(), ['ping', '--timeout', '60']);
    running.push(cli);
    const pingId = await eventually(
      async () => {
        const [row] = await sql<{ id: string }>('SELECT id FROM system_ping WHERE processed_at IS NULL');
        return row?.id;
      },
      30_000,
      'the ping to be committed',
    );
    expect(await stop(cli, 'SIGKILL')).toBe('SIGKILL');
    expect(await sql('SELECT job_id FROM outbox_job')).toEqual([{ job_id: `system.ping.${pingId}` }]);

    const worker = start('worker');
    await eventually(
      async () => {
        const [row] = await sql<{ processed_at: Date | null }>('SELECT processed_at FROM system_ping WHERE id = $1', [
          pingId,
        ]);
        return row?.processed_at ?? undefined;
      },
      30_000,
      'the ping to be answered after the crash',
    );
    expect(await sql('SELECT job_id FROM outbox_job')).toEqual([]);
    await stop(worker);
  });

  it('lose no job when a worker is killed while processing, and a new one takes over', async () => {
    const count = 300;
    const ids = Array.from({ length: count }, () => randomUUID());
    await sql(
      `WITH pings AS (SELECT unnest($1::uuid[]) AS id),
            inserted AS (INSERT INTO system_ping (id) SELECT id FROM pings)
       INSERT INTO outbox_job (job_id, queue, name, data)
       SELECT 'system.ping.' || id, 'system', 'system.ping', jsonb_build_object('pingId', id) FROM pings`,
      [ids],
    );
    const first = start('worker');
    await eventually(
      async () => {
        const [row] = await sql<{ n: string }>(
          'SELECT count(*) AS n FROM system_ping WHERE processed_at IS NOT NULL AND id = ANY($1)',
          [ids],
        );
        return Number(row!.n) >= 20 ? true : undefined;
      },
      30_000,
      'the first worker to get going',
    );
    expect(await stop(first, 'SIGKILL')).toBe('SIGKILL');
    const [doneBeforeCrash] = await sql<{ n: string }>(
      'SELECT count(*) AS n FROM system_ping WHERE processed_at IS NOT NULL AND id = ANY($1)',
      [ids],
    );
    expect(Number(doneBeforeCrash?.n)).toBeLessThan(count);

    const second = start('worker', { LOG_LEVEL: 'warn' });
    await eventually(
      async () => {
        const [row] = await sql<{ n: string }>(
          'SELECT count(*) AS n FROM system_ping WHERE processed_at IS NULL AND id = ANY($1)',
          [ids],
        );
        return Number(row!.n) === 0 ? true : undefined;
      },
      90_000,
      'every ping to be answered',
    );
    const [counts] = await sql<{ min: number; max: number }>(
      'SELECT min(times_processed) AS min, max(times_processed) AS max FROM system_ping WHERE id = ANY($1)',
      [ids],
    );
    // At least once for every job; a job killed mid-run may run again, which its handler tolerates.
    expect(counts!.min).toBeGreaterThanOrEqual(1);
    expect(await sql('SELECT job_id FROM outbox_job')).toEqual([]);
    await stop(second);
  });
});
