import type { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import IORedis from 'ioredis';
import { loadConfig } from '@claimdesk/config';
import { createRootLogger, PinoNestLogger } from '@claimdesk/observability';
import { DatabaseServer } from '@claimdesk/persistence';
import { type Runtime, RuntimeModule } from '@claimdesk/runtime';
import type { TestQueueBackend } from './queue-backends';

/**
 * A runtime for in-process tests: the test file's database, the chosen queue
 * backend, logs silenced unless `TEST_LOG_LEVEL` is set.
 */
export function testRuntime(
  databaseUrl: string,
  backend: TestQueueBackend,
  role = 'test',
  env: Record<string, string> = {},
): Runtime {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    REDIS_URL: backend.redisUrl,
    QUEUE_PREFIX: backend.prefix,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    // Tests reach nothing but the fixture sites they allow.
    FETCH_ALLOWED_HOSTS_ONLY: 'true',
    // Not the secret kept in DATA_DIR: tests leave nothing in the working tree.
    SESSION_SECRET: 'test-session-secret-of-at-least-32-characters',
    ...env,
  });
  return {
    role,
    config,
    logger: createRootLogger(config.logLevel),
    database: new DatabaseServer(databaseUrl, 'external'),
  };
}

/** Boots a Nest application context over {@link RuntimeModule} with the given feature modules. */
export async function startTestContext(runtime: Runtime, modules: readonly Type[]): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(RuntimeModule.forRoot(runtime, modules), {
    logger: new PinoNestLogger(runtime.logger),
    abortOnError: false,
  });
  await app.init();
  return app;
}

/** Deletes every Redis key under the backend's prefix (a no-op for PostgreSQL). */
export async function clearQueueBackend(backend: TestQueueBackend): Promise<void> {
  if (backend.redisUrl === undefined) return;
  const redis = new IORedis(backend.redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${backend.prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
