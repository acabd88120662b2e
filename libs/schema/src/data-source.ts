// Entry point for the TypeORM CLI (`npm run migration:generate`), compiled to
// dist/ first; the apps build their DataSource from the same options.
import { DataSource } from 'typeorm';
import { loadConfig } from '@claimdesk/config';
import { dataSourceOptions } from '@claimdesk/persistence';
import { schema } from './schema';

const config = loadConfig();
if (config.databaseUrl === undefined) {
  throw new Error('DATABASE_URL must name the database to compare the entities with');
}

export default new DataSource(dataSourceOptions(config.databaseUrl, schema, 'claimdesk-migrations'));
