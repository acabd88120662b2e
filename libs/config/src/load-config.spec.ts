import path from 'node:path';
import { ConfigurationError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({}, '/srv/claimdesk');
    expect(config).toMatchObject({
      databaseUrl: undefined,
      redisUrl: undefined,
      dataDir: path.resolve('/srv/claimdesk', '.data'),
      port: 3000,
      host: '127.0.0.1',
      fetchAllowedHosts: [],
      sessionSecret: undefined,
      consensusMinVerdicts: 2,
      verdictsRequireAssignment: false,
      rateLimitPerMinute: 600,
      jobSweepIntervalMs: 60_000,
      jobStaleAfterMs: 300_000,
      queuePrefix: 'claimdesk',
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        DATABASE_URL: 'postgres://u@db:5432/claimdesk',
        REDIS_URL: 'redis://cache:6379',
        DATA_DIR: '/var/lib/claimdesk',
        PORT: '8080',
        HOST: '0.0.0.0',
        FETCH_ALLOWED_HOSTS: 'Intranet.Example:8443, 127.0.0.1,[::1]:80',
        SESSION_SECRET: 'x'.repeat(40),
        CONSENSUS_MIN_VERDICTS: '3',
        VERDICTS_REQUIRE_ASSIGNMENT: 'true',
        QUEUE_PREFIX: 'cd_test-1',
        RATE_LIMIT_PER_MINUTE: '120',
        JOB_SWEEP_INTERVAL_MS: '5000',
        JOB_STALE_AFTER_MS: '600000',
        LOG_LEVEL: 'debug',
      },
      '/',
    );
    expect(config).toMatchObject({
      databaseUrl: 'postgres://u@db:5432/claimdesk',
      redisUrl: 'redis://cache:6379',
      dataDir: '/var/lib/claimdesk',
      port: 8080,
      host: '0.0.0.0',
      fetchAllowedHosts: [{ host: 'intranet.example', port: 8443 }, { host: '127.0.0.1' }, { host: '[::1]', port: 80 }],
      sessionSecret: 'x'.repeat(40),
      consensusMinVerdicts: 3,
      verdictsRequireAssignment: true,
      queuePrefix: 'cd_test-1',
      rateLimitPerMinute: 120,
      jobSweepIntervalMs: 5_000,
      jobStaleAfterMs: 600_000,
      logLevel: 'debug',
    });
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '  ', PORT: '' }).port).toBe(3000);
  });

  it('reports every invalid variable at once, one line each, naming it', () => {
    let caught: unknown;
    try {
      loadConfig({
        DATABASE_URL: 'mysql://nope',
        REDIS_URL: 'http://cache',
        PORT: 'eighty',
        HOST: 'bad host!',
        FETCH_ALLOWED_HOSTS: 'ok.example,bad host:99999',
        SESSION_SECRET: 'short',
        CONSENSUS_MIN_VERDICTS: '0',
        QUEUE_PREFIX: 'has:colon',
        RATE_LIMIT_PER_MINUTE: '0',
        JOB_SWEEP_INTERVAL_MS: '999',
        JOB_STALE_AFTER_MS: 'soon',
        LOG_LEVEL: 'loud',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigurationError);
    const problems = (caught as ConfigurationError).problems;
    expect(problems).toHaveLength(12);
    for (const name of [
      'DATABASE_URL',
      'REDIS_URL',
      'PORT',
      'HOST',
      'FETCH_ALLOWED_HOSTS',
      'SESSION_SECRET',
      'CONSENSUS_MIN_VERDICTS',
      'QUEUE_PREFIX',
      'RATE_LIMIT_PER_MINUTE',
      'JOB_SWEEP_INTERVAL_MS',
      'JOB_STALE_AFTER_MS',
      'LOG_LEVEL',
    ]) {
      expect(problems.filter((line) => line.startsWith(name))).toHaveLength(1);
    }
    expect(problems.every((line) => !line.includes('\n'))).toBe(true);
  });

  it('refuses a port out of range and a fractional one', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT must be an integer/);
    expect(() => loadConfig({ PORT: '80.5' })).toThrow(/PORT must be an integer/);
  });
});
