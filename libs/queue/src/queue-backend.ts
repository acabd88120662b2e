import { createPostgresBackend, setDefaultBackendFactory, type QueueOptions } from 'bullmq';
import type { AppConfig } from '@claimdesk/config';
import type { DatabaseServer } from '@claimdesk/persistence';
import { defaultJobOptions } from './job-options';

export type QueueBackendKind = 'redis' | 'postgresql';

/** Which datastore BullMQ runs on in this process. */
export class QueueBackend {
  constructor(readonly kind: QueueBackendKind) {}
}

export function queueBackendKind(config: AppConfig): QueueBackendKind {
  return config.redisUrl === undefined ? 'postgresql' : 'redis';
}

/**
 * Chooses BullMQ's datastore: Redis when `REDIS_URL` is set, otherwise its
 * PostgreSQL backend in the application database (schema `bullmq`, migrated on
 * first connection). The backend factory is process-wide in BullMQ, so this
 * runs before any queue or worker is created.
 */
export function configureQueueBackend(config: AppConfig, database: DatabaseServer): QueueOptions<unknown> {
  if (queueBackendKind(config) === 'redis') {
    setDefaultBackendFactory();
    return {
      connection: { url: config.redisUrl, maxRetriesPerRequest: null, connectionName: 'claimdesk' },
      prefix: config.queuePrefix,
      defaultJobOptions,
    };
  }
  setDefaultBackendFactory(createPostgresBackend);
  return {
    connection: { connectionString: database.url, migrate: true, max: 4, application_name: 'claimdesk-bullmq' },
    defaultJobOptions,
  };
}
