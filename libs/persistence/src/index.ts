export { Database } from './database';
export { DatabaseServer, openDatabaseServer } from './database-server';
export { dataSourceOptions, type SchemaDefinition } from './data-source-options';
export { type EmbeddedServer, startEmbeddedPostgres } from './embedded-postgres';
export { type CursorPosition, decodeCursor, encodeCursor, isUuid } from './keyset-cursor';
export { runMigrations } from './migrate';
export type { Page } from './page';
export { PersistenceModule } from './persistence.module';
export { isConnectionLoss } from './connection-loss';
