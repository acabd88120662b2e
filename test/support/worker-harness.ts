import type { Queue } from 'bullmq';
import { QueueName, QueueRegistry } from '@claimdesk/queue';
import {
  type ClaimdeskApp,
  fixtureArticle,
  openSqlProbe,
  ProcessGroup,
  type RunningProcess,
  type SqlProbe,
  type TestQueueBackend,
} from '@claimdesk/testing';
import { TestApi } from './api-harness';
import { type SlowArticleSite, startSlowArticleSite } from './slow-article-site';

/** What {@link useWorkerProcesses} starts; read it in tests and hooks, not while jest collects them. */
export interface WorkerProcesses {
  /** The API without the job side: what it queues waits in the outbox until a worker process relays it. */
  readonly api: TestApi;
  /** Answers each article after the delay given, so that jobs are still queued or active when the test acts. */
  readonly slow: SlowArticleSite;
  /** SQL on the API's database. */
  readonly sql: SqlProbe;
  /** The `sources` queue, as the API sees it. */
  readonly sources: Queue;
  readonly queues: QueueRegistry;
  /** The processes started so far; killed (SIGKILL) after the describe block. */
  readonly processes: ProcessGroup;
  /**
   * Starts `app` (the worker by default) from dist/ on the API's database and
   * queue backend, allowed to fetch from the slow site; `env` adds to that.
   */
  startWorker(env?: Record<string, string>, app?: ClaimdeskApp): RunningProcess;
  /**
   * Article `n` of the slow site through the API as `token`'s user: with
   * `quoted`, a claim citing it with the article's quote (so its fetch also
   * checks the quote), else a source registered with `extractClaims`.
   */
  submitArticle(token: string, n: number, options: { quoted: boolean; extractClaims?: boolean }): Promise<void>;
  /** `eventually`, failing with the tail of each process's output. */
  waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T>;
}

/**
 * The setup of the specs that start, stop, kill or starve worker processes
 * (a crash, a SIGTERM, the queue's data lost): registers a `beforeAll` that
 * starts a slow article site, the API without the job side on `backend` and
 * SQL on its database, and an `afterAll` that kills every worker still
 * running and closes the rest.
 */
export function useWorkerProcesses(
  backend: TestQueueBackend,
  options: { articleDelayMs: number; sqlConnections?: number },
): WorkerProcesses {
  const processes = new ProcessGroup();
  let state: { api: TestApi; slow: SlowArticleSite; sql: SqlProbe } | undefined;
  let slow: SlowArticleSite | undefined;
  let api: TestApi | undefined;

  beforeAll(async () => {
    slow = await startSlowArticleSite(options.articleDelayMs);
    api = await TestApi.start(backend, { worker: false });
    state = { api, slow, sql: openSqlProbe(api.database.url, options.sqlConnections) };
  });

  afterAll(async () => {
    await processes.killAll();
    await state?.sql.end();
    await api?.close();
    await slow?.close();
  });

  const started = () => {
    if (state === undefined) throw new Error('the worker processes are used before their beforeAll ran');
    return state;
  };
  return {
    get api() {
      return started().api;
    },
    get slow() {
      return started().slow;
    },
    get sql() {
      return started().sql;
    },
    get queues() {
      return started().api.app.get(QueueRegistry);
    },
    get sources() {
      return started().api.app.get(QueueRegistry).get(QueueName.Sources);
    },
    processes,
    startWorker: (env = {}, app = 'worker') =>
      processes.start(app, {
        DATABASE_URL: started().api.database.url,
        REDIS_URL: backend.redisUrl,
        QUEUE_PREFIX: backend.prefix,
        FETCH_ALLOWED_HOSTS: started().slow.host,
        ...env,
      }),
    submitArticle: async (token, n, { quoted, extractClaims }) => {
      const { api, slow } = started();
      const url = slow.url(`/articles/${n}`);
      const { speaker, quote } = fixtureArticle(n);
      const response = quoted
        ? await api.request('POST', '/api/v1/claims', {
            token,
            body: { text: `${speaker} promised ${n}: ${quote}`, appearance: { url, quote } },
          })
        : await api.request('POST', '/api/v1/sources', { token, body: { url, extractClaims } });
      expect(response.status).toBe(201);
    },
    waitFor: (probe, timeoutMs, what) => processes.waitFor(probe, timeoutMs, what),
  };
}
