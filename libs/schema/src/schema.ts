import type { SchemaDefinition } from '@claimdesk/persistence';
import { OutboxJob } from '@claimdesk/queue';
import { SystemPing } from '@claimdesk/system';
import { Foundation1764244800000 } from './migrations/1764244800000-foundation';

/**
 * Every entity and every migration, in order. The apps, the CLI, the test
 * template database and the migration generator all read this one list.
 */
export const schema: SchemaDefinition = {
  entities: [OutboxJob, SystemPing],
  migrations: [Foundation1764244800000],
};
