import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Set in the snapshot's process: the checkout the run belongs to (where results are recorded). */
export const benchRootVariable = 'CLAIMDESK_BENCH_ROOT';

/**
 * Runs this script again from a private copy of dist/. A run takes minutes and
 * starts worker threads that load their modules late; a build meanwhile (`npm
 * start`, the e2e setup, another `npm run bench`) empties dist/ and would pull
 * the modules from under them. The copy is checked against the modules this
 * process has loaded, which proves dist/ was complete when they were read.
 */
export async function runFromSnapshot(root: string, workerEntries: readonly string[]): Promise<number> {
  const dist = path.join(root, 'dist');
  const snapshot = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-bench-'));
  try {
    const needed = [
      ...Object.keys(require.cache).filter((file) => file.startsWith(dist + path.sep)),
      ...workerEntries,
    ].map((file) => path.relative(dist, file));
    for (let attempt = 1; ; attempt++) {
      fs.rmSync(path.join(snapshot, 'dist'), { recursive: true, force: true });
      try {
        fs.cpSync(dist, path.join(snapshot, 'dist'), { recursive: true });
      } catch {
        // dist/ changed during the copy: try again
      }
      const missing = needed.filter((file) => !fs.existsSync(path.join(snapshot, 'dist', file)));
      if (missing.length === 0) break;
      if (attempt === 20)
        throw new Error(`dist/ keeps changing (missing ${missing[0]}): is a build running in a loop?`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(snapshot, 'node_modules'), 'dir');

    const entry = path.join(snapshot, 'dist', path.relative(dist, require.main?.filename ?? ''));
    const child = spawn(process.execPath, [...process.execArgv, entry, ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, [benchRootVariable]: root },
    });
    // Ctrl-C reaches the child through the terminal (the child cleans up); SIGTERM sent here is passed on.
    process.on('SIGINT', () => undefined);
    process.on('SIGTERM', () => child.kill('SIGTERM'));
    return await new Promise<number>((resolve) => {
      child.once('exit', (code, signal) =>
        resolve(code ?? (signal === null ? 1 : 128 + (os.constants.signals[signal] ?? 0))),
      );
    });
  } finally {
    fs.rmSync(snapshot, { recursive: true, force: true });
  }
}
