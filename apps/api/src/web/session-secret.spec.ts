import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppConfig } from '@claimdesk/config';
import { loadSessionSecret } from './session-secret';

describe('loadSessionSecret', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'claimdesk-secret-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const config = (overrides: Partial<AppConfig> = {}) => ({ dataDir, ...overrides }) as AppConfig;

  it('uses SESSION_SECRET when it is set, writing nothing', async () => {
    const secret = 's'.repeat(40);
    await expect(loadSessionSecret(config({ sessionSecret: secret }))).resolves.toBe(secret);
    await expect(stat(path.join(dataDir, 'session-secret'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('generates 256 random bits into DATA_DIR, readable by the owner only, and keeps them', async () => {
    const first = await loadSessionSecret(config({ dataDir: path.join(dataDir, 'nested') }));
    const second = await loadSessionSecret(config({ dataDir: path.join(dataDir, 'nested') }));

    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(second).toBe(first);
    const file = await stat(path.join(dataDir, 'nested', 'session-secret'));
    expect(file.mode & 0o777).toBe(0o600);
  });

  it('agrees on one secret when processes start at once', async () => {
    const secrets = await Promise.all(Array.from({ length: 8 }, () => loadSessionSecret(config())));
    expect(new Set(secrets).size).toBe(1);
    await expect(readFile(path.join(dataDir, 'session-secret'), 'utf8')).resolves.toBe(`${secrets[0]}\n`);
  });

  it('refuses a kept secret that is too short rather than signing with it', async () => {
    await writeFile(path.join(dataDir, 'session-secret'), 'short\n');
    await expect(loadSessionSecret(config())).rejects.toThrow(/fewer than 32 characters/);
  });
});
