import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

type Classes = MixedList<string | (new (...args: never[]) => unknown) | EntitySchema>;

export interface SchemaDefinition {
  entities: Classes;
  migrations: MixedList<string | (new (...args: never[]) => unknown)>;
}

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
