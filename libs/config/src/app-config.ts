import type { AllowedHost } from './allowed-host';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * The validated configuration, built once from the environment and injected
 * wherever settings are needed (`process.env` is read nowhere else).
 */
export class AppConfig {
  /** External PostgreSQL, or undefined to run the embedded server under `dataDir`. */
  readonly databaseUrl?: string;
  /** Redis for BullMQ, or undefined to run BullMQ on its PostgreSQL backend. */
  readonly redisUrl?: string;
  /** Absolute path of the folder for the embedded database and local state. */
  readonly dataDir: string;
  readonly port: number;
  readonly host: string;
  /** Where readers reach this service: the base of the URLs in published ClaimReview (no trailing slash). */
  readonly publicUrl: string;
  /** The fact-checking organisation named as the author of published reviews. */
  readonly organizationName: string;
  readonly fetchAllowedHosts: readonly AllowedHost[];
  /** Fetch nothing but the hosts of `fetchAllowedHosts` (an egress allowlist; tests run this way). */
  readonly fetchAllowedHostsOnly: boolean;
  /** Longest a source fetch may take, connection to last byte, redirects included. */
  readonly fetchTimeoutMs: number;
  /** Largest body a source fetch may read, measured after decompression. */
  readonly fetchMaxBytes: number;
  /** Explicit `SESSION_SECRET`, or undefined to use the one kept in `dataDir`. */
  readonly sessionSecret?: string;
  readonly consensusMinVerdicts: number;
  /** Only reviewers assigned to a claim may give a verdict on it. */
  readonly verdictsRequireAssignment: boolean;
  /** API requests one token may make per minute (per process). */
  readonly rateLimitPerMinute: number;
  /** How often each worker re-asserts the job schedules and sweeps for lost jobs. */
  readonly jobSweepIntervalMs: number;
  /** How long work may say it is pending before the sweep looks for its job, and re-enqueues it when lost. */
  readonly jobStaleAfterMs: number;
  /** Key prefix of BullMQ's Redis keys (Redis backend only). */
  readonly queuePrefix: string;
  readonly logLevel: LogLevel;

  constructor(values: AppConfig) {
    Object.assign(this, values);
    Object.freeze(this);
  }
}
