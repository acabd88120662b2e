import path from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { parseAllowedHosts } from './allowed-host';
import { AppConfig, type LogLevel } from './app-config';
import { Environment } from './environment';

/** Thrown when the environment is invalid; `problems` holds one line per variable. */
export class ConfigurationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/**
 * Builds the typed configuration from an environment (defaults to `process.env`),
 * reporting every invalid variable at once.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const raw = plainToInstance(Environment, pickKnown(env));
  const problems = validateSync(raw, { forbidUnknownValues: true }).flatMap((error) =>
    Object.values(error.constraints ?? {}).slice(0, 1),
  );
  const allowed = parseAllowedHosts(raw.FETCH_ALLOWED_HOSTS);
  problems.push(...allowed.problems);
  if (problems.length > 0) throw new ConfigurationError(problems);

  const port = raw.PORT ?? 3000;
  const host = raw.HOST ?? '127.0.0.1';
  return new AppConfig({
    databaseUrl: raw.DATABASE_URL,
    redisUrl: raw.REDIS_URL,
    dataDir: path.resolve(cwd, raw.DATA_DIR ?? '.data'),
    port,
    host,
    publicUrl: (raw.PUBLIC_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/+$/, ''),
    organizationName: raw.ORGANIZATION_NAME?.trim() ?? 'Claimdesk',
    fetchAllowedHosts: allowed.hosts,
    fetchAllowedHostsOnly: raw.FETCH_ALLOWED_HOSTS_ONLY === 'true',
    fetchTimeoutMs: raw.FETCH_TIMEOUT_MS ?? 30_000,
    fetchMaxBytes: raw.FETCH_MAX_BYTES ?? 10 * 1024 * 1024,
    sessionSecret: raw.SESSION_SECRET,
    consensusMinVerdicts: raw.CONSENSUS_MIN_VERDICTS ?? 2,
    verdictsRequireAssignment: raw.VERDICTS_REQUIRE_ASSIGNMENT === 'true',
    rateLimitPerMinute: raw.RATE_LIMIT_PER_MINUTE ?? 600,
    jobSweepIntervalMs: raw.JOB_SWEEP_INTERVAL_MS ?? 60_000,
    jobStaleAfterMs: raw.JOB_STALE_AFTER_MS ?? 5 * 60_000,
    queuePrefix: raw.QUEUE_PREFIX ?? 'claimdesk',
    logLevel: (raw.LOG_LEVEL ?? 'info') as LogLevel,
  });
}

const knownVariables = [
  'DATABASE_URL',
  'REDIS_URL',
  'DATA_DIR',
  'PORT',
  'HOST',
  'FETCH_ALLOWED_HOSTS',
  'FETCH_ALLOWED_HOSTS_ONLY',
  'FETCH_TIMEOUT_MS',
  'FETCH_MAX_BYTES',
  'SESSION_SECRET',
  'PUBLIC_URL',
  'ORGANIZATION_NAME',
  'CONSENSUS_MIN_VERDICTS',
  'VERDICTS_REQUIRE_ASSIGNMENT',
  'RATE_LIMIT_PER_MINUTE',
  'JOB_SWEEP_INTERVAL_MS',
  'JOB_STALE_AFTER_MS',
  'QUEUE_PREFIX',
  'LOG_LEVEL',
] as const satisfies readonly (keyof Environment)[];

function pickKnown(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(knownVariables.map((name) => [name, env[name]]));
}
