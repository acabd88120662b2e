import { randomBytes } from 'node:crypto';
import { runMigrations as runBullMigrations } from 'bullmq';
import pg from 'pg';
import pino from 'pino';
import { migrate } from '@claimdesk/runtime';
import { databaseUrl } from '@claimdesk/testing';

/** The server the benchmarks use: DATABASE_URL's, or a local one. */
export function serverUrl(): string {
  return process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** Databases created by this run and not dropped yet, for an interrupted run to clean up. */
const live = new Set<string>();

export interface BenchDatabase {
  readonly name: string;
  readonly url: string;
  /** Drops the database unless BENCH_KEEP_DB is set or it was reused (then it says where it is). */
  drop(): Promise<void>;
}

/**
 * A database of the benchmark's own on DATABASE_URL's server, created from
 * scratch and migrated (our migrations, then BullMQ's PostgreSQL schema), or,
 * with `reuse`, an existing one kept by an earlier run.
 */
export async function createBenchDatabase(label: string, reuse?: string): Promise<BenchDatabase & { reused: boolean }> {
  const server = serverUrl();
  assertLoopback(server);
  const name = reuse ?? `claimdesk_bench_${randomBytes(4).toString('hex')}_${label}`;
  const url = databaseUrl(server, name);
  let reused = false;
  if (reuse !== undefined) {
    const found = await withClient(server, (client) =>
      client.query('SELECT 1 FROM pg_database WHERE datname = $1', [reuse]),
    );
    reused = found.rowCount === 1;
  }
  if (!reused) {
    await withClient(server, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
    live.add(name);
    await migrate(url, pino({ level: 'warn' }));
    await withClient(url, (client) => runBullMigrations(client));
  }
  return {
    name,
    url,
    reused,
    drop: async () => {
      if (process.env.BENCH_KEEP_DB || reused) {
        process.stderr.write(`kept database ${name} (${reused ? 'reused' : 'BENCH_KEEP_DB is set'})\n`);
        return;
      }
      await dropDatabase(server, name);
    },
  };
}

/** Drops every database this run created and has not dropped (unless BENCH_KEEP_DB is set). */
export async function dropLeftoverDatabases(): Promise<void> {
  if (process.env.BENCH_KEEP_DB) return;
  for (const name of [...live]) await dropDatabase(serverUrl(), name);
}

async function dropDatabase(server: string, name: string): Promise<void> {
  await withClient(server, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
  live.delete(name);
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'claimdesk-bench' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The benchmarks only ever talk to this machine. */
export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]', ''].includes(host)) {
    throw new Error(`the benchmarks only run against a local server (127.0.0.1), not ${host}`);
  }
}

/**
 * Stands in for autovacuum when the server runs without it: runs `statement`
 * (ANALYZE, or VACUUM ANALYZE where tables churn) then; says whether it ran.
 */
export async function runIfNoAutovacuum(
  databaseUrl: string,
  statement: 'ANALYZE' | 'VACUUM ANALYZE',
): Promise<boolean> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ on: boolean }>(`SELECT current_setting('autovacuum') = 'on' AS on`);
    if (rows[0]!.on) return false;
    await client.query(statement);
    return true;
  });
}
