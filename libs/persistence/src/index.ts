export { Database } from './database';
export { DatabaseServer, openDatabaseServer } from './database-server';
export { dataSourceOptions, type SchemaDefinition } from './data-source-options';
export { type EmbeddedServer, startEmbeddedPostgres } from './embedded-postgres';
export { runMigrations } from './migrate';
export { PersistenceModule } from './persistence.module';
export { isConnectionLoss } from './connection-loss';
