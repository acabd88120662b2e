import type { AppConfig } from '@claimdesk/config';
import { type EmbeddedPostgresOptions, startEmbeddedPostgres } from './embedded-postgres';

/** The PostgreSQL this process talks to: the configured one, or the embedded one. */
export class DatabaseServer {
  constructor(
    readonly url: string,
    readonly kind: 'external' | 'embedded',
    private readonly release: () => Promise<void> = async () => undefined,
  ) {}

  /** Stops the embedded server if this process owns it; a no-op otherwise. */
  stop(): Promise<void> {
    return this.release();
  }
}

/**
 * Uses `DATABASE_URL` when set; otherwise starts (or attaches to) the embedded
 * PostgreSQL under `DATA_DIR`; `beforeStart` may refuse to create or start it.
 */
export async function openDatabaseServer(
  config: AppConfig,
  log: (message: string) => void,
  options: Pick<EmbeddedPostgresOptions, 'beforeStart'> = {},
): Promise<DatabaseServer> {
  if (config.databaseUrl !== undefined) return new DatabaseServer(config.databaseUrl, 'external');
  const server = await startEmbeddedPostgres({ dataDir: config.dataDir, database: 'claimdesk', log, ...options });
  return new DatabaseServer(server.url, 'embedded', () => server.stop());
}
