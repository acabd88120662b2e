import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppConfig } from '@claimdesk/config';

const fileName = 'session-secret';

/**
 * SESSION_SECRET, or else the secret kept in DATA_DIR, made on first start
 * (readable by the owner only). Processes starting together agree on it: each
 * writes a candidate beside it and links it into place, which only the first
 * can do, so nobody ever reads a half-written file.
 */
export async function loadSessionSecret(config: AppConfig): Promise<string> {
  if (config.sessionSecret !== undefined) return config.sessionSecret;
  const file = path.join(config.dataDir, fileName);
  const kept = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (kept !== undefined) return checked(file, kept);
  await mkdir(config.dataDir, { recursive: true });
  const candidate = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  await writeFile(candidate, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  try {
    await link(candidate, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(candidate);
  }
  return checked(file, await readFile(file, 'utf8'));
}

function checked(file: string, content: string): string {
  const secret = content.trim();
  if (secret.length < 32) throw new Error(`${file} holds fewer than 32 characters: delete it to make a new one`);
  return secret;
}
