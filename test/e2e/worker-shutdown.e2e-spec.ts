import type { Job, Queue } from 'bullmq';
import pg from 'pg';
import { QueueName, QueueRegistry } from '@claimdesk/queue';
import { eventuallyWithOutput, freePort, queueBackends, type RunningProcess, startProcess } from '@claimdesk/testing';
import { TestApi } from '../support/api-harness';
import { type SlowArticleSite, startSlowArticleSite } from '../support/slow-article-site';

/** Fetches queued before the SIGTERM, each answered after {@link articleDelayMs}. */
const sourceCount = 80;
const articleDelayMs = 600;

/**
 * A worker stopped with SIGTERM while fetches are queued and in flight: it
 * stops taking jobs, lets the active fetches finish, and only then closes its
 * fetcher and database, so no job fails (or spends an attempt) because of the
 * shutdown. A second worker then fetches the rest, each source once.
 */
const cases = queueBackends().flatMap((backend) =>
  (['worker', 'server'] as const).map((app) => ({ backend, app, kind: backend.kind })),
);

describe.each(cases)('$app stopped with SIGTERM on the $kind backend', ({ backend, app }) => {
  let slow: SlowArticleSite;
  let api: TestApi;
  let pool: pg.Pool;
  let sources: Queue;
  const running: RunningProcess[] = [];

  /** The process under test: the worker alone, or API and workers in one (`npm start`). */
  const startWorker = async (): Promise<RunningProcess> => {
    const worker = startProcess(app, {
      DATABASE_URL: api.database.url,
      REDIS_URL: backend.redisUrl,
      QUEUE_PREFIX: backend.prefix,
      FETCH_ALLOWED_HOSTS: slow.host,
      PORT: String(await freePort()),
    });
    running.push(worker);
    return worker;
  };
  const count = async (text: string): Promise<number> => Number((await pool.query<{ n: string }>(text)).rows[0]!.n);
  const fetchJobs = async (states: ('completed' | 'failed' | 'waiting' | 'active' | 'delayed')[]): Promise<Job[]> =>
    (await sources.getJobs(states, 0, -1)).filter((job): job is Job => job?.name === 'source.fetch');
  const waitFor = <T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> =>
    eventuallyWithOutput(running, probe, timeoutMs, what);

  beforeAll(async () => {
    slow = await startSlowArticleSite(articleDelayMs);
    api = await TestApi.start(backend, { worker: false });
    pool = new pg.Pool({ connectionString: api.database.url, max: 2 });
    sources = api.app.get(QueueRegistry).get(QueueName.Sources);
  });

  afterAll(async () => {
    for (const worker of running) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await Promise.all(running.map((worker) => worker.exited));
    await pool?.end();
    await api?.close();
    await slow?.close();
  });

  it('finishes its active fetches and counts no attempt against the jobs it leaves', async () => {
    const token = await api.token('submitter');
    for (let n = 1; n <= sourceCount; n++) {
      const response = await api.request('POST', '/api/v1/sources', {
        token,
        body: { url: slow.url(`/articles/${n}`) },
      });
      expect(response.status).toBe(201);
    }

    const first = await startWorker();
    // Fetches in flight (the site answers each after 600 ms), most still queued.
    await waitFor(async () => (slow.requests() >= 4 ? true : undefined), 60_000, 'fetches under way');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const fetchedBefore = await count(`SELECT count(*) AS n FROM sources WHERE fetch_status = 'fetched'`);
    // Whatever it started, it finished: a fetch cut short would have left its source failed or retrying.
    expect(fetchedBefore).toBeGreaterThan(0);
    expect(fetchedBefore).toBeLessThan(sourceCount);
    expect(await count(`SELECT count(*) AS n FROM sources WHERE fetch_status = 'failed' OR fetch_attempts > 1`)).toBe(
      0,
    );
    const left = await fetchJobs(['waiting', 'delayed', 'failed']);
    expect(left.map((job) => [job.attemptsMade, (job.stacktrace ?? []).length, job.failedReason ?? null])).toEqual(
      left.map(() => [0, 0, null]),
    );

    await startWorker();
    await waitFor(
      async () =>
        (await count(`SELECT count(*) AS n FROM sources WHERE fetch_status = 'fetched'`)) === sourceCount
          ? true
          : undefined,
      120_000,
      'every source fetched',
    );
    expect(
      (await pool.query(`SELECT fetch_status, fetch_attempts, count(*)::int AS n FROM sources GROUP BY 1, 2`)).rows,
    ).toEqual([{ fetch_status: 'fetched', fetch_attempts: 1, n: sourceCount }]);
    const completed = await fetchJobs(['completed']);
    expect(completed).toHaveLength(sourceCount);
    expect(completed.filter((job) => (job.stacktrace ?? []).length > 0).map((job) => job.stacktrace?.[0])).toEqual([]);
  });
});
