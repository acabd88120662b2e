import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { eventually } from './test-runtime';

const root = path.resolve(__dirname, '..', '..', '..');

export type ClaimdeskApp = 'server' | 'api' | 'worker' | 'cli';

/** A Claimdesk process started from dist/ (built by the test setup), with its output kept. */
export interface RunningProcess {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
}

/**
 * Starts an app the way `npm start`/`start:api`/`start:worker`/`cli` do, with
 * only the environment given (plus PATH and HOME): no variable leaks in from
 * the test run.
 */
export function startProcess(
  app: ClaimdeskApp,
  env: Record<string, string | undefined>,
  args: string[] = [],
): RunningProcess {
  const child = spawn(process.execPath, [path.join(root, 'dist', 'apps', app, 'src', 'main.js'), ...args], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info',
      // Tests reach nothing but the fixture sites they allow.
      FETCH_ALLOWED_HOSTS_ONLY: 'true',
      // Without a DATA_DIR of the test's own, the secret would be kept in the working tree's .data/.
      ...(env.DATA_DIR === undefined ? { SESSION_SECRET: 'test-session-secret-of-at-least-32-characters' } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  return { child, output: () => output, exited };
}

/** Runs the CLI to completion; returns its exit code and output. */
export async function runCli(
  env: Record<string, string | undefined>,
  args: string[],
): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [path.join(root, 'dist', 'apps', 'cli', 'src', 'main.js'), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | string>((resolve) => {
    child.once('exit', (exitCode, signal) => resolve(exitCode ?? signal ?? 'unknown'));
  });
  return { code, stdout, stderr };
}

/** A TCP port free on loopback at the time of asking. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 200, or fails with the process's output. */
export async function waitForHttp(url: string, process: RunningProcess, timeoutMs = 60_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  let ended = false;
  void process.exited.then(() => (ended = true));
  while (Date.now() < deadline && !ended) {
    try {
      const response = await fetch(url);
      if (response.status === 200) return await response.json();
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `${url} did not answer 200 ${ended ? 'before the process ended' : `within ${timeoutMs} ms`}:\n${process.output()}`,
  );
}

/** {@link eventually}, failing with the tail of each process's output, which usually says why. */
export async function eventuallyWithOutput<T>(
  processes: readonly RunningProcess[],
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  try {
    return await eventually(probe, timeoutMs, what);
  } catch (error) {
    const output = processes.map((process, index) => `--- process ${index + 1}:\n${process.output().slice(-4_000)}`);
    throw new Error(`${(error as Error).message}\n${output.join('\n')}`, { cause: error });
  }
}

/**
 * The processes one spec starts, so that a probe can fail with their output
 * and every one still running is killed when the spec is done.
 */
export class ProcessGroup {
  private readonly running: RunningProcess[] = [];

  /** {@link startProcess}, kept in the group. */
  start(app: ClaimdeskApp, env: Record<string, string | undefined>, args: string[] = []): RunningProcess {
    const started = startProcess(app, env, args);
    this.running.push(started);
    return started;
  }

  /** The processes started since the last {@link killAll}, in the order they were started. */
  get all(): readonly RunningProcess[] {
    return this.running;
  }

  /** {@link eventually}, failing with the tail of each process's output. */
  waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
    return eventuallyWithOutput(this.running, probe, timeoutMs, what);
  }

  /** Kills (SIGKILL) every process still running, waits until all have ended, and forgets them. */
  async killAll(): Promise<void> {
    for (const started of this.running) {
      if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGKILL');
    }
    await Promise.all(this.running.map((started) => started.exited));
    this.running.length = 0;
  }
}
