import { randomBytes } from 'node:crypto';
import type { QueueBackendKind } from '@claimdesk/queue';

export interface TestQueueBackend {
  kind: QueueBackendKind;
  /** Set for Redis: the URL from `REDIS_URL`. */
  redisUrl?: string;
  /** A key prefix of its own, so runs and files never share Redis keys. */
  prefix: string;
}

/**
 * The BullMQ backends the queue specs run on: PostgreSQL always, Redis when
 * `REDIS_URL` is set (CI sets it; the global setup says when it is not).
 */
export function queueBackends(): TestQueueBackend[] {
  const prefix = `cdtest_${randomBytes(4).toString('hex')}`;
  const backends: TestQueueBackend[] = [{ kind: 'postgresql', prefix }];
  const redisUrl = process.env.REDIS_URL;
  if (redisUrl) backends.push({ kind: 'redis', redisUrl, prefix });
  return backends;
}
