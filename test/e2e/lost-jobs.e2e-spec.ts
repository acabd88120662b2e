import type { Queue } from 'bullmq';
import { jobQueue, jobSchedules, QueueName } from '@claimdesk/queue';
import { clearQueueBackend, queueBackends } from '@claimdesk/testing';
import { useWorkerProcesses } from '../support/worker-harness';

/** Sources submitted; every third also has its claims extracted, and the first few are cited with a quote. */
const sourceCount = 40;
const quotedCount = 8;
/** Each article is answered after this long, so most fetches still wait in the queue when its keys go. */
const articleDelayMs = 1_000;
/** Short upkeep settings, so that the test need not wait minutes for the sweep. */
const sweepIntervalMs = 1_000;
const staleAfterMs = 3_000;

/**
 * Redis coming back empty in the middle of a run: every job it held (fetches
 * waiting, extractions queued behind them) and the hourly schedules are gone.
 * The worker's upkeep notices from PostgreSQL what is still pending, enqueues
 * the jobs the queue no longer knows through the outbox, and upserts the
 * schedules again, so all the work completes without a restart, each source
 * fetched once. Only this test's key prefix is deleted, never the whole Redis.
 */
const redis = queueBackends().filter((backend) => backend.kind === 'redis');
const describeRedis = redis.length > 0 ? describe.each(redis) : describe.skip.each(queueBackends());

describeRedis('jobs lost with the queue data on the $kind backend', (backend) => {
  // The API without the job side; a worker process relays and runs the jobs.
  const workers = useWorkerProcesses(backend, { articleDelayMs });
  const { waitFor } = workers;
  const count = (text: string, values?: unknown[]): Promise<number> => workers.sql.count(text, values);
  const schedulers = async (): Promise<string[]> => {
    const ids: string[] = [];
    for (const schedule of jobSchedules) {
      const queue: Queue = workers.queues.get(jobQueue[schedule.name]);
      if ((await queue.getJobScheduler(schedule.id)) !== undefined) ids.push(schedule.id);
    }
    return ids;
  };

  it('re-drives every pending job and restores the schedules after the queue keys are deleted', async () => {
    const { api, slow, queues } = workers;
    const token = await api.token('submitter');
    for (let n = 1; n <= sourceCount; n++) {
      await workers.submitArticle(token, n, { quoted: n <= quotedCount, extractClaims: n % 3 === 0 });
    }
    // The worker starts once all the work is submitted, so its relay queues every job at once.
    const worker = workers.startWorker({
      JOB_SWEEP_INTERVAL_MS: String(sweepIntervalMs),
      JOB_STALE_AFTER_MS: String(staleAfterMs),
    });
    // The schedules made and fetches under way (each takes a second, eight at a time), most still waiting in Redis.
    await waitFor(
      async () => (slow.requests() >= 8 && (await schedulers()).length === jobSchedules.length ? true : undefined),
      60_000,
      'the schedules and fetches under way',
    );
    const waiting = await queues.get(QueueName.Sources).getJobCounts('waiting', 'active');
    const flushedAt = Date.now();
    await clearQueueBackend(backend);

    const atFlush = {
      waiting: waiting.waiting,
      pending: await count(`SELECT count(*) AS n FROM sources WHERE fetch_status = 'pending'`),
    };
    // Jobs were lost with the keys: fetches were waiting.
    expect(atFlush.waiting).toBeGreaterThan(0);
    expect(atFlush.pending).toBeGreaterThan(0);

    await waitFor(
      async () =>
        (await count(`SELECT count(*) AS n FROM sources WHERE fetch_status <> 'fetched'`)) === 0 &&
        (await count(`SELECT count(*) AS n FROM quote_checks WHERE status = 'pending'`)) === 0 &&
        (await count(
          `SELECT count(*) AS n FROM sources s WHERE s.extract_claims AND NOT EXISTS
             (SELECT 1 FROM events e WHERE e.source_id = s.id AND e.action = 'source.claims_extracted')`,
        )) === 0
          ? true
          : undefined,
      90_000,
      'every source fetched, every quote checked and every extraction done',
    );
    // Each source fetched once: the sweep re-enqueued lost fetches only, never one still waiting or done
    // (one in flight as its key went may be re-driven too, and finds the snapshot its first run wrote).
    expect(
      await workers.sql.rows(`SELECT fetch_status, fetch_attempts, count(*)::int AS n FROM sources GROUP BY 1, 2`),
    ).toEqual([{ fetch_status: 'fetched', fetch_attempts: 1, n: sourceCount }]);
    expect(await count(`SELECT count(*) AS n FROM source_snapshots`)).toBe(sourceCount);
    expect(
      await workers.sql.rows(
        `SELECT q.status, count(*)::int AS n FROM appearances a LEFT JOIN quote_checks q ON q.appearance_id = a.id
          GROUP BY 1`,
      ),
    ).toEqual([{ status: 'found', n: quotedCount }]);
    // The schedules went with the keys; the upkeep (not a restart) put them back, and they run again.
    await waitFor(
      async () => ((await schedulers()).length === jobSchedules.length ? true : undefined),
      30_000,
      'the schedules to be back',
    );
    for (const schedule of jobSchedules) {
      const jobs = await queues
        .get(jobQueue[schedule.name])
        .getJobs(['completed', 'active', 'waiting', 'delayed'], 0, -1);
      expect(jobs.some((job) => job?.name === schedule.name && job.timestamp >= flushedAt)).toBe(true);
    }
    expect(worker.output()).toMatch(/re-enqueued \d+ lost job\(s\)/);
  });
});
