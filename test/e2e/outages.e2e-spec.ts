import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { eventually, queueBackends, type TestQueueBackend } from '@claimdesk/testing';
import { type ApiResponse, TestApi } from '../support/api-harness';
import { expectProblem, type Problem } from '../support/problems';
import { TcpProxy } from '../support/tcp-proxy';

interface Readiness extends Problem {
  down?: string[];
  details?: Record<string, { status: string }>;
}

function targetOf(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || (parsed.protocol === 'redis:' ? 6379 : 5432)) };
}

describe.each(queueBackends())('readiness when a backend goes away ($kind queue backend)', (backend) => {
  let api: TestApi;
  let database: TcpProxy;
  let redis: TcpProxy | undefined;

  beforeAll(async () => {
    database = await TcpProxy.start(targetOf(process.env.DATABASE_URL!));
    let proxied: TestQueueBackend = backend;
    if (backend.redisUrl !== undefined) {
      redis = await TcpProxy.start(targetOf(backend.redisUrl));
      proxied = { ...backend, redisUrl: TcpProxy.rewrite(backend.redisUrl, redis.port) };
    }
    api = await TestApi.start(proxied, { databaseUrl: (url) => TcpProxy.rewrite(url, database.port) });
  });

  afterAll(async () => {
    database?.restore();
    redis?.restore();
    await api?.close();
    await database?.close();
    await redis?.close();
  });

  const ready = (): Promise<ApiResponse<Readiness>> => api.request<Readiness>('GET', '/health/ready');

  const becomes = (status: number): Promise<ApiResponse<Readiness>> =>
    eventually(
      async () => {
        const response = await ready();
        return response.status === status ? response : undefined;
      },
      20_000,
      `/health/ready ${status}`,
    );

  it('answers 503 naming PostgreSQL when it is unreachable, and 200 once it is back', async () => {
    expect((await ready()).status).toBe(200);

    database.cut();
    const down = await becomes(503);

    expectProblem(down, 503, 'health.not_ready');
    expect(down.body.down).toContain('database');
    expect(down.body.details?.database?.status).toBe('down');
    expect(down.headers.get('retry-after')).toMatch(/^\d+$/);

    database.restore();
    const up = await becomes(200);
    expect(up.body).toMatchObject({ status: 'ok', details: { database: { status: 'up' }, queue: { status: 'up' } } });
  });

  if (backend.kind === 'redis') {
    it('answers 503 naming the queue, and only the queue, when Redis is unreachable', async () => {
      redis!.cut();
      const down = await becomes(503);

      expectProblem(down, 503, 'health.not_ready');
      expect(down.body.down).toEqual(['queue']);
      expect(down.body.details?.database?.status).toBe('up');

      redis!.restore();
      await becomes(200);
    });
  }
});

describe('submissions while PostgreSQL ends the API’s connections', () => {
  const backend = queueBackends()[0]!;
  let api: TestApi;
  let admin: pg.Client;
  let token: string;

  beforeAll(async () => {
    api = await TestApi.start(backend);
    token = await api.token('submitter');
    admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.end();
    await api?.close();
  });

  const submit = (key: string, text: string) =>
    api.request<Problem & { id?: string }>('POST', '/api/v1/claims', {
      token,
      headers: { 'idempotency-key': key },
      body: { text },
    });

  it('answers 503 with Retry-After, never 500, and releases every Idempotency-Key for the retry', async () => {
    const batch = Array.from({ length: 150 }, (_, index) => ({
      key: `outage-${randomUUID()}`,
      text: `Outage claim ${index}: the river rose ${index + 1} cm overnight.`,
    }));
    const answers = new Map<string, ApiResponse<Problem & { id?: string }>>();
    let submitting = true;
    let terminated = 0;
    // Five times during the batch, every connection the app holds is ended, as an administrator
    // (or a failover) would: statements in flight fail, and so do idle connections' next ones.
    const killer = (async () => {
      for (let round = 0; round < 5 && submitting; round++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        const { rowCount } = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
          [api.database.name],
        );
        terminated += rowCount ?? 0;
      }
    })();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < batch.length) {
          const item = batch[next++]!;
          answers.set(item.key, await submit(item.key, item.text));
        }
      }),
    );
    submitting = false;
    await killer;

    expect(terminated).toBeGreaterThan(0);
    const statuses = [...answers.values()].map((answer) => answer.status);
    expect(statuses.filter((status) => status !== 201 && status !== 503)).toEqual([]);
    const refused = [...answers].filter(([, answer]) => answer.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    for (const [, answer] of refused) {
      expectProblem(answer, 503, 'service.unavailable');
      expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
    }

    // No key stays reserved: each refused request runs again at once, and lands once.
    const [{ count: reserved }] = (await queryIn(
      api.database.name,
      `SELECT count(*)::int AS count FROM idempotency_keys WHERE state <> 'completed'`,
    )) as [{ count: number }];
    expect(reserved).toBe(0);
    for (const item of batch.filter((item) => answers.get(item.key)!.status === 503)) {
      const retried = await submit(item.key, item.text);
      expect(retried.status).toBe(201);
    }
    const claims = await queryIn(
      api.database.name,
      `SELECT count(*)::int AS count FROM claims WHERE text LIKE 'Outage claim %'`,
    );
    expect(claims[0]!.count).toBe(batch.length);
  });
});

async function queryIn(database: string, sql: string): Promise<{ count: number }[]> {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query<{ count: number }>(sql)).rows;
  } finally {
    await client.end();
  }
}
