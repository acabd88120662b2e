import type { AppConfig } from '@claimdesk/config';

/** A Claimdesk service answering on the configured HOST and PORT, and the kind of database it uses. */
export interface ServiceBeside {
  url: string;
  /** `embedded-postgresql` or `external-postgresql`, as its readiness says; undefined when its database is down. */
  backend: string | undefined;
}

/**
 * The Claimdesk service answering on `HOST`:`PORT`, if one does: its
 * `/health/ready` names the database backend it uses, which no other program
 * would, and answers in a moment. Anything else (nothing listening, another
 * program, a timeout) is no service.
 */
export async function findServiceBeside(config: AppConfig, timeoutMs = 4_000): Promise<ServiceBeside | undefined> {
  if (config.port === 0) return undefined;
  const host = ['0.0.0.0', ''].includes(config.host)
    ? '127.0.0.1'
    : config.host === '::'
      ? '[::1]'
      : config.host.includes(':')
        ? `[${config.host}]`
        : config.host;
  const url = `http://${host}:${config.port}`;
  try {
    const response = await fetch(`${url}/health/ready`, {
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
      headers: { accept: 'application/json' },
    });
    const body = (await response.json()) as {
      code?: unknown;
      details?: { database?: { backend?: unknown }; details?: { database?: { backend?: unknown } } };
    };
    const backend = body.details?.database?.backend ?? body.details?.details?.database?.backend;
    if (typeof backend === 'string') return { url, backend };
    return body.code === 'health.not_ready' ? { url, backend: undefined } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why the CLI must not create (or start) an embedded database in its
 * `DATA_DIR` while a service answers on the configured port: had the service
 * used that folder, its database would be running there already, so it uses
 * another one, and the command would act on a database nobody serves.
 */
export function notBesideServiceMessage(action: 'create' | 'start', dataDir: string, service: ServiceBeside): string {
  const found =
    action === 'create'
      ? `no database in DATA_DIR ${dataDir} (so this command would create a new, empty one)`
      : `the embedded database in DATA_DIR ${dataDir} is not running (so this command would start it)`;
  const uses =
    service.backend === 'external-postgresql'
      ? 'it uses a PostgreSQL server of its own (its DATABASE_URL)'
      : service.backend === 'embedded-postgresql'
        ? 'it keeps its embedded database in another DATA_DIR'
        : 'it uses another database';
  return (
    `${found}, but a Claimdesk service answers at ${service.url} and ${uses}. ` +
    `Point the CLI at the service's database: set DATABASE_URL to the service's, or DATA_DIR to the folder ` +
    `the service keeps its data in (./.data of the folder it was started from, unless its DATA_DIR says otherwise). ` +
    `Nothing was ${action === 'create' ? 'created' : 'started'}.`
  );
}
