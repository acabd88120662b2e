import type { DataSource, Migration } from 'typeorm';

/** Arbitrary, fixed key of the advisory lock that serialises migration runs. */
const migrationLockKey = 4_242_017;

/**
 * Applies pending migrations under a PostgreSQL advisory lock, so any number of
 * processes starting at once migrate exactly once.
 */
export async function runMigrations(dataSource: DataSource): Promise<Migration[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
    try {
      return await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]);
    }
  } finally {
    await runner.release();
  }
}
