import pg from 'pg';
import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

type Classes = MixedList<string | (new (...args: never[]) => unknown) | EntitySchema>;

export interface SchemaDefinition {
  entities: Classes;
  migrations: MixedList<string | (new (...args: never[]) => unknown)>;
}

/**
 * A pool whose clients always have an 'error' listener. A client checked out
 * of a pg pool has none of the pool's, and TypeORM's query runner listens
 * only until the first error, on which it hands the client back; a connection
 * the server ends (pg_terminate_backend, a restart) can then emit a second
 * one, which, unheard, would crash the process. The statements that meet the
 * lost connection still fail, and their callers answer for it.
 */
class ListeningPool extends pg.Pool {
  constructor(config?: pg.PoolConfig) {
    super(config);
    this.on('connect', (client) => client.on('error', () => undefined));
  }
}

/** node-postgres as TypeORM loads it, with {@link ListeningPool} as its pool. */
const pgDriver: typeof pg = Object.assign(Object.create(pg) as typeof pg, { Pool: ListeningPool });

/**
 * The single TypeORM configuration used by the Nest apps, the CLI and the
 * migration tooling. The schema only ever changes through migrations.
 */
export function dataSourceOptions(
  url: string,
  schema: SchemaDefinition,
  applicationName = 'claimdesk',
): DataSourceOptions {
  return {
    type: 'postgres',
    driver: pgDriver,
    url,
    entities: schema.entities as DataSourceOptions['entities'],
    migrations: schema.migrations as DataSourceOptions['migrations'],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+; no uuid-ossp extension needed.
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    // Failed queries surface as errors to their callers, which log what matters;
    // TypeORM's own console output would bypass the JSON logs (and print SQL).
    logging: ['migration'],
    extra: { max: 20, application_name: applicationName },
  };
}
