import type { Job } from 'bullmq';
import {
  fixtureArticle,
  fixtureArticleHtml,
  type FixtureSite,
  queueBackends,
  startFixtureSite,
} from '@claimdesk/testing';
import { useWorkerProcesses } from '../support/worker-harness';

/** How many sources the crash test fetches, and how many of them a claim cites with a quote. */
const sourceCount = 1_000;
const quotedCount = 50;
/** Snapshots written before the worker is killed: well past the start, well before the end. */
const killAfterSnapshots = 400;
/** How long the slow site takes to answer each article, so that jobs are active when the kill lands. */
const articleDelayMs = 40;

/** Runs `work` over `items`, at most `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/**
 * Crash safety of source fetching: a worker killed with SIGKILL in the middle
 * of 1,000 fetches, a new one taking over, and every source ending with
 * exactly one snapshot, whatever the crash interrupted. The snapshot's
 * `fetch_key` is the BullMQ job id, so a job run again after the crash finds
 * the snapshot its first run wrote instead of writing a second one.
 */
describe.each(queueBackends())('source fetches survive a worker crash on the $kind backend', (backend) => {
  let site: FixtureSite;
  // The API without the job side: what it queues waits in the outbox until a worker process relays it.
  const workers = useWorkerProcesses(backend, { articleDelayMs, sqlConnections: 4 });
  const { waitFor } = workers;
  const startWorker = () => workers.startWorker({ FETCH_ALLOWED_HOSTS: `${workers.slow.host},${site.host}` });
  const sql = <T>(text: string, values?: unknown[]): Promise<T[]> => workers.sql.rows<T>(text, values);
  const count = (text: string, values?: unknown[]): Promise<number> => workers.sql.count(text, values);

  beforeAll(async () => {
    site = await startFixtureSite();
  });

  afterEach(() => workers.processes.killAll());

  afterAll(async () => {
    await site?.close();
  });

  it('keeps exactly one snapshot per source when a worker is killed in the middle of 1,000 fetches', async () => {
    const { api, slow, sources } = workers;
    const began = Date.now();
    const token = await api.token('submitter');

    // 1,000 sources through the API, each committed with its fetch job in the outbox. The first
    // ones are cited by claims with the article's quote, so their fetches also check quotes.
    await inParallel(
      Array.from({ length: sourceCount }, (_, index) => index + 1),
      16,
      (n) => workers.submitArticle(token, n, { quoted: n <= quotedCount }),
    );
    const created = Date.now();
    expect(
      await count(
        `SELECT count(*) AS n FROM outbox_job o JOIN sources s ON o.job_id = 'source.fetch.' || s.id
          WHERE o.name = 'source.fetch' AND s.fetch_status = 'pending'`,
      ),
    ).toBe(sourceCount);

    const first = startWorker();
    const snapshotsSeen = await waitFor(
      async () => {
        const n = await count('SELECT count(*) AS n FROM source_snapshots');
        return n >= killAfterSnapshots ? n : undefined;
      },
      60_000,
      `${killAfterSnapshots} snapshots`,
    );
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const killed = Date.now();
    const atKill = {
      snapshotsSeen,
      snapshots: await count('SELECT count(*) AS n FROM source_snapshots'),
      fetched: await count(`SELECT count(*) AS n FROM sources WHERE fetch_status <> 'pending'`),
      outbox: await count('SELECT count(*) AS n FROM outbox_job'),
      requests: slow.requests(),
      jobs: await sources.getJobCounts('active', 'waiting', 'completed', 'failed'),
    };
    // The kill landed midway, with fetches in progress.
    expect(atKill.snapshots).toBeLessThan(sourceCount);
    expect(atKill.jobs.active).toBeGreaterThan(0);

    const second = startWorker();
    let last = {};
    await waitFor(
      async () => {
        const pending = await count(`SELECT count(*) AS n FROM sources WHERE fetch_status = 'pending'`);
        const outbox = await count('SELECT count(*) AS n FROM outbox_job');
        // The schedules keep a delayed job of their own: only fetch jobs count here.
        const unfinished = (await sources.getJobs(['active', 'waiting', 'delayed', 'prioritized'], 0, -1)).filter(
          (job) => job?.name === 'source.fetch',
        ).length;
        last = { pending, outbox, unfinished };
        return pending === 0 && outbox === 0 && unfinished === 0 ? true : undefined;
      },
      120_000,
      'every fetch to finish after the crash',
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nlast seen: ${JSON.stringify(last)}`, { cause: error });
    });
    const settled = Date.now();

    // Every source fetched once, and archived once.
    expect(await sql('SELECT fetch_status, fetch_attempts, count(*)::int AS n FROM sources GROUP BY 1, 2')).toEqual([
      { fetch_status: 'fetched', fetch_attempts: 1, n: sourceCount },
    ]);
    expect(await sql('SELECT source_id, count(*) FROM source_snapshots GROUP BY 1 HAVING count(*) > 1')).toEqual([]);
    expect(await count('SELECT count(*) AS n FROM source_snapshots')).toBe(sourceCount);
    expect(await count('SELECT count(DISTINCT source_id) AS n FROM source_snapshots')).toBe(sourceCount);
    // Written by the source's own fetch job: the fetch key is that job's id.
    expect(
      await sql(`SELECT id FROM source_snapshots WHERE fetch_key IS DISTINCT FROM 'source.fetch.' || source_id`),
    ).toEqual([]);
    expect(await count('SELECT count(DISTINCT fetch_key) AS n FROM source_snapshots')).toBe(sourceCount);
    // Each snapshot holds its article.
    expect(
      await count(
        `SELECT count(*) AS n FROM source_snapshots ss JOIN sources s ON s.id = ss.source_id
          WHERE ss.http_status <> 200 OR ss.final_url <> s.url OR ss.title IS DISTINCT FROM s.title`,
      ),
    ).toBe(0);
    const [sample] = await sql<{ text: string }>(
      `SELECT ss.text FROM source_snapshots ss JOIN sources s ON s.id = ss.source_id WHERE s.url = $1`,
      [slow.url('/articles/7')],
    );
    expect(sample?.text).toContain(fixtureArticle(7).quote);

    // One source.fetched event per source, and no other fetch outcome.
    expect(
      await sql(
        `SELECT action, count(*)::int AS n, count(DISTINCT source_id)::int AS sources FROM events
          WHERE source_id IS NOT NULL AND action <> 'source.created' GROUP BY 1`,
      ),
    ).toEqual([{ action: 'source.fetched', n: sourceCount, sources: sourceCount }]);

    // Quotes checked once each, against their source's one snapshot, and found.
    expect(
      await sql(
        `SELECT q.status AS quote_status, (q.snapshot_id = ss.id) AS against_snapshot, count(*)::int AS n
           FROM appearances a LEFT JOIN quote_checks q ON q.appearance_id = a.id
           JOIN source_snapshots ss ON ss.source_id = a.source_id GROUP BY 1, 2`,
      ),
    ).toEqual([{ quote_status: 'found', against_snapshot: true, n: quotedCount }]);
    expect(
      await sql(
        `SELECT count(*)::int AS n, count(DISTINCT data->>'appearanceId')::int AS appearances FROM events
          WHERE action = 'appearance.quote_checked'`,
      ),
    ).toEqual([{ n: quotedCount, appearances: quotedCount }]);

    // BullMQ's side: every fetch job completed, none failed, and the ones the crash interrupted ran again.
    expect(await sources.getJobCounts('failed')).toEqual({ failed: 0 });
    const jobs = (await sources.getJobs(['completed'], 0, -1)).filter(
      (job): job is Job => job?.name === 'source.fetch',
    );
    expect(jobs).toHaveLength(sourceCount);
    const outcomes = new Map<string, number>();
    for (const job of jobs) {
      const outcome = String((job.returnvalue as { outcome?: string } | null)?.outcome);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    expect([...outcomes.keys()].every((outcome) => outcome === 'snapshot' || outcome === 'already_done')).toBe(true);
    const sourceIds = await sql<{ id: string }>('SELECT id FROM sources');
    expect(jobs.map((job) => job.id).sort()).toEqual(sourceIds.map(({ id }) => `source.fetch.${id}`).sort());

    process.stdout.write(
      `[${backend.kind}] created ${sourceCount} sources in ${created - began} ms; killed the first worker ` +
        `${killed - created} ms after it started: ${JSON.stringify(atKill)}; ` +
        `the second worker finished ${settled - killed} ms after the kill; ` +
        `site requests ${slow.requests()}; job outcomes ${JSON.stringify(Object.fromEntries(outcomes))}; ` +
        `jobs started more than once ${jobs.filter((job) => job.attemptsStarted > 1 || job.stalledCounter > 0).length}\n`,
    );

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 170_000);

  it('runs a repeated fetch job as already done, even when the page now says something else', async () => {
    const { api, sources } = workers;
    const token = await api.token('submitter');
    const path = '/articles/9001';
    const worker = startWorker();
    const { body: source } = await api.request<{ id: string }>('POST', '/api/v1/sources', {
      token,
      body: { url: site.url(path) },
    });
    const jobId = `source.fetch.${source.id}`;
    // The state first, then the job: a job read before it completes has no return value yet.
    const completed = async (id: string): Promise<Job | undefined> =>
      (await sources.getJobState(id)) === 'completed' ? sources.getJob(id) : undefined;

    const firstRun = await waitFor(() => completed(jobId), 30_000, 'the first fetch');
    expect(firstRun.returnvalue).toMatchObject({ outcome: 'snapshot', changed: false });
    const snapshotsOf = () =>
      sql<{ fetch_key: string; text_sha256: string }>(
        'SELECT fetch_key, text_sha256 FROM source_snapshots WHERE source_id = $1 ORDER BY fetched_at, id',
        [source.id],
      );
    const [original] = await snapshotsOf();
    expect(original?.fetch_key).toBe(jobId);
    expect(site.requests(path)).toBe(1);

    // The page changes, and the same job (same id: BullMQ forgot the finished one) is queued again,
    // as when a crash strikes after the snapshot commits but before BullMQ records the job as done.
    site.setPage(path, { body: fixtureArticleHtml(9002) });
    await firstRun.remove();
    expect(await sources.getJob(jobId)).toBeUndefined();
    const requeue = (id: string) =>
      sql(
        `INSERT INTO outbox_job (job_id, queue, name, data)
         VALUES ($1, 'sources', 'source.fetch', jsonb_build_object('sourceId', $2::text))`,
        [id, source.id],
      );
    await requeue(jobId);

    const rerun = await waitFor(() => completed(jobId), 30_000, 'the repeated fetch');
    expect(rerun.returnvalue).toEqual({ outcome: 'already_done' });
    expect(await snapshotsOf()).toEqual([original]);
    expect(site.requests(path)).toBe(1);
    expect(
      await count(`SELECT count(*) AS n FROM events WHERE source_id = $1 AND action = 'source.fetched'`, [source.id]),
    ).toBe(1);

    // The control: a fetch job of another id does read the changed page and archives it.
    const controlId = `source.fetch.${source.id}.control`;
    await requeue(controlId);
    const control = await waitFor(() => completed(controlId), 30_000, 'the control fetch');
    expect(control.returnvalue).toMatchObject({ outcome: 'snapshot', changed: true });
    const after = await snapshotsOf();
    expect(after.map((snapshot) => snapshot.fetch_key)).toEqual([jobId, controlId]);
    expect(after[1]!.text_sha256).not.toBe(original!.text_sha256);
    expect(site.requests(path)).toBe(2);

    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  });
});
