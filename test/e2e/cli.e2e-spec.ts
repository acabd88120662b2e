import { runCli } from '@claimdesk/testing';

describe('the CLI on bad input', () => {
  it('names every invalid variable on a line of its own and exits 78', async () => {
    const result = await runCli({ PORT: 'eighty', REDIS_URL: 'http://nope' }, ['migrate']);
    expect(result.code).toBe(78);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toEqual(
      expect.arrayContaining([
        '  REDIS_URL must be a redis:// or rediss:// URL',
        '  PORT must be an integer between 0 and 65535',
      ]),
    );
  });

  it('refuses an unknown command with the usage, exit 2', async () => {
    const result = await runCli({}, ['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: unknown command "frobnicate"');
    expect(result.stderr).toContain('Usage: npm run cli -- <command>');
  });

  it('refuses an unknown option and a bad value, exit 2, before touching the database', async () => {
    const unknown = await runCli({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, ['migrate', '--force']);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toMatch(/^error: Unknown option '--force'/);

    const badTimeout = await runCli({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, [
      'ping',
      '--timeout',
      'soon',
    ]);
    expect(badTimeout).toMatchObject({ code: 2, stderr: 'error: --timeout must be a positive number of seconds\n' });
  });

  it('reports an unreachable database as a failure, exit 1', async () => {
    const result = await runCli({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, ['migrate']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*ECONNREFUSED/);
  });
});
