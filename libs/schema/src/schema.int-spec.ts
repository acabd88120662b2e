import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@claimdesk/persistence';
import { migrate } from '@claimdesk/runtime';
import { adminDatabaseUrl, databaseUrl } from '@claimdesk/testing';
import { schema } from './schema';

describe('schema migrations', () => {
  const name = `claimdesk_t_${process.env.CLAIMDESK_TEST_RUN}_fresh_${randomBytes(3).toString('hex')}`;
  const url = () => databaseUrl(adminDatabaseUrl(), name);
  let dataSource: DataSource;

  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: adminDatabaseUrl() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('migrate a fresh database up, and a second run applies nothing', async () => {
    const applied = await migrate(url(), pino({ level: 'silent' }));
    expect(applied).toEqual((schema.migrations as { name: string }[]).map((migration) => migration.name));
    expect(await migrate(url(), pino({ level: 'silent' }))).toEqual([]);
  });

  it('leave nothing for a generated migration to add: entities and migrations agree', async () => {
    dataSource = new DataSource(dataSourceOptions(url(), schema, 'schema-check'));
    await dataSource.initialize();
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('revert cleanly, every migration in turn', async () => {
    const applied = await dataSource.query<unknown[]>('SELECT * FROM schema_migrations');
    for (const _migration of applied) await dataSource.undoLastMigration();
    const tables = await dataSource.query<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    // Only TypeORM's own bookkeeping is left: the migrations it ran, and its record of generated columns.
    expect(tables.map((row) => row.table_name)).toEqual(['schema_migrations', 'typeorm_metadata']);
  });
});
