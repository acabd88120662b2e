import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runMigrations as runBullMigrations } from 'bullmq';
import pg from 'pg';
import pino from 'pino';
import { type EmbeddedServer, startEmbeddedPostgres } from '@claimdesk/persistence';
import { migrate } from '@claimdesk/runtime';

/** Variables the global setup hands to every test worker. */
export const testEnv = {
  adminUrl: 'CLAIMDESK_TEST_ADMIN_URL',
  template: 'CLAIMDESK_TEST_TEMPLATE',
  run: 'CLAIMDESK_TEST_RUN',
} as const;

interface SetupState {
  embedded?: EmbeddedServer;
  embeddedDir?: string;
}

const state: SetupState = {};

/**
 * Jest global setup: uses `DATABASE_URL`'s server, or an embedded PostgreSQL in
 * a temporary folder when it is unset, and creates one migrated template
 * database (our migrations and BullMQ's) that each test file clones.
 */
export async function setUpTestRun(): Promise<void> {
  const run = randomBytes(4).toString('hex');
  let adminUrl = process.env.DATABASE_URL;
  if (adminUrl === undefined || adminUrl === '') {
    state.embeddedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-test-pg-'));
    state.embedded = await startEmbeddedPostgres({
      dataDir: state.embeddedDir,
      database: 'claimdesk_test_admin',
      log: () => undefined,
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
    });
    adminUrl = state.embedded.url;
    process.stdout.write(`\nDATABASE_URL is not set: tests run on an embedded PostgreSQL in ${state.embeddedDir}\n`);
  }
  if (!process.env.REDIS_URL) {
    process.stdout.write('REDIS_URL is not set: the Redis half of the queue specs is skipped (CI always sets it)\n');
  }

  const template = `claimdesk_tpl_${run}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${template}`));
  const templateUrl = databaseUrl(adminUrl, template);
  await migrate(templateUrl, pino({ level: 'warn' }));
  const client = new pg.Client({ connectionString: templateUrl });
  await client.connect();
  try {
    await runBullMigrations(client);
  } finally {
    await client.end();
  }

  process.env[testEnv.adminUrl] = adminUrl;
  process.env[testEnv.template] = template;
  process.env[testEnv.run] = run;
}

/** Jest global teardown: drops this run's databases and stops the embedded server. */
export async function tearDownTestRun(): Promise<void> {
  const adminUrl = process.env[testEnv.adminUrl];
  const run = process.env[testEnv.run];
  if (adminUrl !== undefined && run !== undefined) {
    await withAdmin(adminUrl, async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
        [`claimdesk_t_${run}_%`, `claimdesk_tpl_${run}`],
      );
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    });
  }
  await state.embedded?.stop();
  if (state.embeddedDir !== undefined) fs.rmSync(state.embeddedDir, { recursive: true, force: true });
}

/** A database of its own for one test file, cloned from the migrated template. */
export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = required(testEnv.adminUrl);
  const template = required(testEnv.template);
  const name = `claimdesk_t_${required(testEnv.run)}_${randomBytes(4).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return {
    name,
    url: databaseUrl(adminUrl, name),
    drop: async () => {
      await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** The connection string of the test server's admin database, for tests that create their own. */
export function adminDatabaseUrl(): string {
  return required(testEnv.adminUrl);
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set: run the tests through jest (npm test)`);
  return value;
}
