import { randomUUID } from 'node:crypto';
import { withCorrelationId } from '@claimdesk/observability';
import type { Database } from '@claimdesk/persistence';
import { ManualRelay, ManualRelayModule, queueBackends, useTestContext } from '@claimdesk/testing';
import { JobOutbox } from './job-outbox';
import { OutboxJob } from './outbox-job.entity';
import { QueueRegistry } from './queue-registry';

describe.each(queueBackends())('outbox relay on the $kind backend', (backend) => {
  // The relay moves rows only when a test calls it.
  const context = useTestContext([ManualRelayModule], { backend });
  let db: Database;
  let outbox: JobOutbox;
  let relay: ManualRelay;
  let queues: QueueRegistry;

  beforeAll(() => {
    db = context.db;
    outbox = context.get(JobOutbox);
    relay = context.get(ManualRelay);
    queues = context.get(QueueRegistry);
  });

  const systemQueue = () => queues.get('system');
  const outboxRows = () => db.manager.count(OutboxJob);

  it('moves a committed job into BullMQ with its deterministic id and empties the outbox', async () => {
    const pingId = randomUUID();
    const jobId = await db.transaction(() =>
      outbox.enqueue({ name: 'system.ping', data: { pingId } }, { key: pingId }),
    );
    expect(jobId).toBe(`system.ping.${pingId}`);
    expect(await outboxRows()).toBe(1);

    expect(await relay.relayBatch()).toBe(1);

    const job = await systemQueue().getJob(jobId);
    expect(job?.name).toBe('system.ping');
    expect(job?.data).toMatchObject({ pingId });
    expect(job?.opts.attempts).toBe(3);
    expect(await outboxRows()).toBe(0);
  });

  it('writes nothing when the causing transaction rolls back', async () => {
    const pingId = randomUUID();
    await expect(
      db.transaction(async () => {
        await outbox.enqueue({ name: 'system.ping', data: { pingId } }, { key: pingId });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');

    expect(await outboxRows()).toBe(0);
    expect(await relay.relayBatch()).toBe(0);
    expect(await systemQueue().getJob(`system.ping.${pingId}`)).toBeUndefined();
  });

  it('adds a job once when a crash made the relay hand it over twice', async () => {
    const pingId = randomUUID();
    const jobId = await outbox.enqueue({ name: 'system.ping', data: { pingId } }, { key: pingId });
    // As if an earlier relay had added the job, then died before deleting the row.
    await systemQueue().add('system.ping', { pingId }, { jobId });
    const before = await systemQueue().getJobCountByTypes('waiting', 'active', 'completed', 'delayed');

    expect(await relay.relayBatch()).toBe(1);

    expect(await systemQueue().getJobCountByTypes('waiting', 'active', 'completed', 'delayed')).toBe(before);
    expect(await outboxRows()).toBe(0);
  });

  it('keeps one outbox row per key while it waits', async () => {
    const key = randomUUID();
    await outbox.enqueue({ name: 'system.ping', data: { pingId: key } }, { key });
    await outbox.enqueue({ name: 'system.ping', data: { pingId: key } }, { key });
    expect(await outboxRows()).toBe(1);
    await relay.relayBatch();
  });

  it('carries the correlation id of the request that enqueued the job', async () => {
    const pingId = randomUUID();
    const jobId = await withCorrelationId('req-correlation-1', () =>
      outbox.enqueue({ name: 'system.ping', data: { pingId } }),
    );
    await relay.relayBatch();
    expect((await systemQueue().getJob(jobId))?.data).toEqual({ pingId, correlationId: 'req-correlation-1' });
  });

  it('relays a large backlog in batches without losing or repeating a job', async () => {
    const ids = Array.from({ length: 450 }, () => randomUUID());
    await db.transaction(async () => {
      for (const pingId of ids) await outbox.enqueue({ name: 'system.ping', data: { pingId } }, { key: pingId });
    });
    await relay.flush();
    expect(await outboxRows()).toBe(0);
    const jobs = await Promise.all(ids.map((pingId) => systemQueue().getJob(`system.ping.${pingId}`)));
    expect(jobs.every((job) => job !== undefined)).toBe(true);
  });

  it('holds rows back and records the error when BullMQ refuses them', async () => {
    const pingId = randomUUID();
    await db.manager.insert(OutboxJob, {
      jobId: `system.ping.${pingId}`,
      queue: 'no-such-queue',
      name: 'system.ping',
      data: { pingId },
      correlationId: null,
      delayMs: 0,
    });

    expect(await relay.relayBatch()).toBe(1);

    const row = await db.manager.findOneByOrFail(OutboxJob, { jobId: `system.ping.${pingId}` });
    expect(row.relayAttempts).toBe(1);
    expect(row.lastError).toContain('Unknown queue');
    expect(row.availableAt.getTime()).toBeGreaterThan(Date.now());
    expect(await relay.relayBatch()).toBe(0);
    await db.manager.delete(OutboxJob, { id: row.id });
  });
});
