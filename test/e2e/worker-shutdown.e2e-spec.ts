import type { Job } from 'bullmq';
import { freePort, queueBackends } from '@claimdesk/testing';
import { useWorkerProcesses } from '../support/worker-harness';

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
  const workers = useWorkerProcesses(backend, { articleDelayMs });
  const { waitFor } = workers;
  /** The process under test: the worker alone, or API and workers in one (`npm start`). */
  const startWorker = async () => workers.startWorker({ PORT: String(await freePort()) }, app);
  const count = (text: string): Promise<number> => workers.sql.count(text);
  const fetchJobs = async (states: ('completed' | 'failed' | 'waiting' | 'active' | 'delayed')[]): Promise<Job[]> =>
    (await workers.sources.getJobs(states, 0, -1)).filter((job): job is Job => job?.name === 'source.fetch');

  it('finishes its active fetches and counts no attempt against the jobs it leaves', async () => {
    const { api, slow } = workers;
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
      await workers.sql.rows(`SELECT fetch_status, fetch_attempts, count(*)::int AS n FROM sources GROUP BY 1, 2`),
    ).toEqual([{ fetch_status: 'fetched', fetch_attempts: 1, n: sourceCount }]);
    const completed = await fetchJobs(['completed']);
    expect(completed).toHaveLength(sourceCount);
    expect(completed.filter((job) => (job.stacktrace ?? []).length > 0).map((job) => job.stacktrace?.[0])).toEqual([]);
  });
});
