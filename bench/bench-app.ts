import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AccountsService, type Principal } from '@claimdesk/accounts';
import { ApiModule, createHttpApp } from '@claimdesk/api';
import { loadConfig } from '@claimdesk/config';
import { createRootLogger } from '@claimdesk/observability';
import { DatabaseServer } from '@claimdesk/persistence';
import { type Runtime, RuntimeModule } from '@claimdesk/runtime';
import { clearQueueBackend } from '@claimdesk/testing';
import { WorkerModule } from '@claimdesk/worker';
import type { QueueBackend } from './backends';

export interface BenchApi {
  readonly app: NestFastifyApplication;
  readonly port: number;
  /** A submitter's bearer token. */
  readonly token: string;
  /** That submitter, for calling services in process. */
  readonly submitter: Principal;
  readonly queueBackend: QueueBackend;
  close(): Promise<void>;
}

export interface BenchApiOptions {
  /** BullMQ's datastore; by default Redis when REDIS_URL is set, else PostgreSQL. */
  queueBackend?: QueueBackend;
  /** FETCH_ALLOWED_HOSTS; by default BENCH_FETCH_ALLOWED_HOSTS. */
  fetchAllowedHosts?: string;
}

/**
 * API and workers in this process, as `npm start` runs them, on the bench
 * database: BullMQ on PostgreSQL unless REDIS_URL is set (then under a key
 * prefix of its own, deleted afterwards), logs silenced, the per-token rate
 * limit out of the way.
 */
export async function startBenchApi(databaseUrl: string, options: BenchApiOptions = {}): Promise<BenchApi> {
  const redisUrl = options.queueBackend === 'postgresql' ? undefined : process.env.REDIS_URL || undefined;
  if (options.queueBackend === 'redis' && redisUrl === undefined) throw new Error('the Redis backend needs REDIS_URL');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-bench-'));
  const prefix = `cdbench_${randomBytes(4).toString('hex')}`;
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    DATA_DIR: dataDir,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    // The most the configuration accepts (1,000,000 a minute): far above what one process serves.
    RATE_LIMIT_PER_MINUTE: '1000000',
    LOG_LEVEL: 'silent',
    // Benchmarks fetch from the local fixture site alone, never the outlets their generated URLs name.
    FETCH_ALLOWED_HOSTS_ONLY: 'true',
    FETCH_ALLOWED_HOSTS: options.fetchAllowedHosts ?? process.env.BENCH_FETCH_ALLOWED_HOSTS ?? '',
  });
  const runtime: Runtime = {
    role: 'bench',
    config,
    logger: createRootLogger(config.logLevel),
    database: new DatabaseServer(databaseUrl, 'external'),
  };
  // BENCH_WORKERS=0 serves the API alone, as `npm run start:api` does: jobs wait in the outbox.
  const modules = process.env.BENCH_WORKERS === '0' ? [ApiModule] : [ApiModule, WorkerModule];
  const app = await createHttpApp(RuntimeModule.forRoot(runtime, modules), runtime);
  await app.listen(0, '127.0.0.1');
  const port = Number(new URL(await app.getUrl()).port);

  const accounts = app.get(AccountsService);
  const email = `bench-${randomBytes(4).toString('hex')}@example.org`;
  const user = await accounts.createUser({
    email,
    name: 'Bench Submitter',
    role: 'submitter',
    password: 'correct horse battery',
  });
  const { token } = await accounts.createToken({ email, name: 'bench' });

  return {
    app,
    port,
    token,
    submitter: { userId: user.id, name: user.name, email: user.email, role: user.role },
    queueBackend: redisUrl === undefined ? 'postgresql' : 'redis',
    close: async () => {
      await app.close();
      if (redisUrl !== undefined) await clearQueueBackend({ kind: 'redis', redisUrl, prefix });
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
