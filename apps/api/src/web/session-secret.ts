import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppConfig } from '@claimdesk/config';

const fileName = 'session-secret';

/**
 * SESSION_SECRET, or else the secret kept in DATA_DIR, made on first start
 * (readable by the owner only). Processes starting together agree on it: only
 * the first creates the file, the others read it.
 */
export async function loadSessionSecret(config: AppConfig): Promise<string> {
  if (config.sessionSecret !== undefined) return config.sessionSecret;
  const file = path.join(config.dataDir, fileName);
  await mkdir(config.dataDir, { recursive: true });
  try {
    await writeFile(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = (await readFile(file, 'utf8')).trim();
  if (secret.length < 32) throw new Error(`${file} holds fewer than 32 characters: delete it to make a new one`);
  return secret;
}
