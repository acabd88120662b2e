import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { type AppConfig, ConfigurationError, loadConfig } from '@claimdesk/config';
import { createRootLogger } from '@claimdesk/observability';
import { type DatabaseServer, dataSourceOptions, openDatabaseServer, runMigrations } from '@claimdesk/persistence';
import { schema } from '@claimdesk/schema';

/** What every process settles before Nest starts: its configuration, logger and database. */
export interface Runtime {
  readonly role: string;
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly database: DatabaseServer;
}

/**
 * Loads the configuration (exiting with one line per problem when it is
 * invalid), opens the database (embedded when no `DATABASE_URL`) and applies
 * pending migrations.
 */
export async function openRuntime(role: string, env: NodeJS.ProcessEnv = process.env): Promise<Runtime> {
  const config = loadConfigOrExit(env);
  const logger = createRootLogger(config.logLevel).child({ role });
  const database = await openDatabaseServer(config, (message) => logger.info({ context: 'EmbeddedPostgres' }, message));
  try {
    await migrate(database.url, logger);
  } catch (error) {
    await database.stop();
    throw error;
  }
  return { role, config, logger, database };
}

/** Loads the configuration, or prints one line per problem and exits with EX_CONFIG (78). */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}

/** Applies pending migrations, logging each one applied. */
export async function migrate(url: string, logger: Logger): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(url, schema, 'claimdesk-migrate'), logging: ['error'] });
  await dataSource.initialize();
  try {
    const applied = await runMigrations(dataSource);
    for (const migration of applied) logger.info({ context: 'Migrations' }, `applied migration ${migration.name}`);
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
