import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { In } from 'typeorm';
import { Database } from '@claimdesk/persistence';
import { jobOptionsFor, OutboxJob, QueueRegistry } from '@claimdesk/queue';
import { SystemPing, SystemService } from '@claimdesk/system';
import {
  clearQueueBackend,
  createTestDatabase,
  eventually,
  queueBackends,
  startTestContext,
  type TestDatabase,
  testRuntime,
} from '@claimdesk/testing';
import { WorkerModule } from './worker.module';

describe.each(queueBackends())('worker on the $kind backend', (backend) => {
  let database: TestDatabase;
  let app: INestApplicationContext | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  afterAll(async () => {
    await clearQueueBackend(backend);
    await database?.drop();
  });

  const start = async (): Promise<INestApplicationContext> => {
    app = await startTestContext(testRuntime(database.url, backend, 'worker'), [WorkerModule]);
    return app;
  };

  it('answers a ping: outbox, relay, queue and processor together', async () => {
    const system = (await start()).get(SystemService);

    const pingId = await system.requestPing();

    const ping = await eventually(
      async () => {
        const found = await system.findPing(pingId);
        return found?.processedAt ? found : undefined;
      },
      15_000,
      'the ping to be answered',
    );
    expect(ping.processedOn).toBe(backend.kind);
  });

  it('finishes or releases its in-flight jobs when it shuts down', async () => {
    const context = await start();
    const system = context.get(SystemService);
    const queue = context.get(QueueRegistry).get('system');
    const pingIds = await Promise.all(Array.from({ length: 60 }, () => system.requestPing()));
    await eventually(async () => ((await queue.getJobCounts('completed')).completed ?? 0) > 5 || undefined);

    await context.close();
    app = undefined;

    const db = await startTestContext(testRuntime(database.url, backend, 'inspect'), []);
    try {
      const queueAfter = db.get(QueueRegistry).get('system');
      const counts = await queueAfter.getJobCounts('active', 'failed');
      expect(counts).toEqual({ active: 0, failed: 0 });
      // Whatever was not answered before the shutdown is still queued or in the outbox.
      const answered = await db.get(Database).manager.countBy(SystemPing, { id: In(pingIds), timesProcessed: 1 });
      const waiting = (await queueAfter.getJobCounts('waiting')).waiting ?? 0;
      const outboxed = await db.get(Database).manager.count(OutboxJob);
      expect(answered + waiting + outboxed).toBe(pingIds.length);
    } finally {
      await db.close();
    }

    // A new worker answers the rest, each ping exactly once.
    const system2 = (await start()).get(SystemService);
    await eventually(
      async () => {
        const states = await Promise.all(pingIds.map((id) => system2.findPing(id)));
        return states.every((ping) => ping?.processedAt) || undefined;
      },
      30_000,
      'every ping to be answered',
    );
    const pings = await app!.get(Database).manager.findBy(SystemPing, { id: In(pingIds) });
    expect(pings.map((ping) => ping.timesProcessed)).toEqual(pingIds.map(() => 1));
  });

  it('gives up at once on a job retrying cannot fix: a ping that does not exist', async () => {
    const queue = (await start()).get(QueueRegistry).get('system');
    const pingId = randomUUID();

    const job = await queue.add('system.ping', { pingId }, jobOptionsFor('system.ping'));

    // The job is read once its state says failed: read before, it could be an attempt behind its state.
    const failed = await eventually(
      async () => ((await queue.getJobState(job.id!)) === 'failed' ? await queue.getJob(job.id!) : undefined),
      15_000,
      'the job to fail',
    );
    // Three attempts were allowed: the first failure was the last.
    expect(failed.opts.attempts).toBe(3);
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toBe(`ping ${pingId} does not exist`);
  });

  it('schedules the hourly cleanup, which drops idempotency keys past their 24 hours', async () => {
    const context = await start();
    const queue = context.get(QueueRegistry).get('system');
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((scheduler) => [scheduler.key, scheduler.name, scheduler.every])).toEqual([
      ['system-cleanup-hourly', 'system.cleanup', 3_600_000],
    ]);

    const db = context.get(Database);
    const [user] = await db.manager.query<{ id: string }[]>(
      `INSERT INTO users (email, name, role, password_hash) VALUES ('cleanup@example.org', 'C', 'submitter', 'x') RETURNING id`,
    );
    await db.manager.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash, state, expires_at)
       VALUES ($1, 'old', 'h', 'completed', now() - interval '1 hour'), ($1, 'fresh', 'h', 'completed', now() + interval '1 hour')`,
      [user?.id],
    );
    await queue.add('system.cleanup', {});
    const left = await eventually(
      async () => {
        const rows = await db.manager.query<{ key: string }[]>('SELECT key FROM idempotency_keys');
        return rows.length === 1 ? rows : undefined;
      },
      15_000,
      'the expired key to be dropped',
    );
    expect(left).toEqual([{ key: 'fresh' }]);
  });
});
