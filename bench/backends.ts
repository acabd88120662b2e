import { assertLoopback, type BenchDatabase, createBenchDatabase } from './bench-database';
import type { ResultRow } from './results';

/** BullMQ's datastore. */
export type QueueBackend = 'postgresql' | 'redis';

const queueBackendName: Record<QueueBackend, string> = { postgresql: 'PostgreSQL', redis: 'Redis' };

/** The backends to measure one after the other: PostgreSQL, then Redis when REDIS_URL (local only) is set. */
export function queueBackends(): QueueBackend[] {
  const redisUrl = process.env.REDIS_URL || undefined;
  if (redisUrl !== undefined) assertLoopback(redisUrl);
  return redisUrl === undefined ? ['postgresql'] : ['postgresql', 'redis'];
}

/** What a benchmark measured on one backend, or on all. */
export interface BackendReport {
  rows: ResultRow[];
  notes: string[];
}

/** One backend's turn in {@link onQueueBackends}. */
export interface BackendTurn {
  backend: QueueBackend;
  /** Its place in the run, from 0. */
  index: number;
  /** The backend's name for rows and notes: PostgreSQL, Redis. */
  name: string;
  /** Writes `<bench> [<name>]: <line>` to stderr. */
  log: (line: string) => void;
  /** A bench database of the turn's own, dropped after it. */
  database: BenchDatabase;
}

/**
 * Runs `work` on each of `backends` in turn, each with a bench database of
 * its own (`<databaseLabel>_pg`, `<databaseLabel>_redis`), and gathers their
 * rows and notes in that order, after a note that Redis was not measured
 * when it is not among them.
 */
export async function onQueueBackends(
  backends: readonly QueueBackend[],
  labels: { bench: string; databaseLabel: string },
  work: (turn: BackendTurn) => Promise<BackendReport>,
): Promise<BackendReport> {
  const all: BackendReport = { rows: [], notes: [] };
  if (!backends.includes('redis')) all.notes.push('REDIS_URL is not set: the Redis backend was not measured');
  for (const [index, backend] of backends.entries()) {
    const name = queueBackendName[backend];
    const log = (line: string): void => {
      process.stderr.write(`${labels.bench} [${name}]: ${line}\n`);
    };
    const database = await createBenchDatabase(`${labels.databaseLabel}_${backend === 'redis' ? 'redis' : 'pg'}`);
    try {
      const report = await work({ backend, index, name, log, database });
      all.rows.push(...report.rows);
      all.notes.push(...report.notes);
    } finally {
      await database.drop();
    }
  }
  return all;
}
