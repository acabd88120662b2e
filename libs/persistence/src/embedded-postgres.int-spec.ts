import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type EmbeddedServer, startEmbeddedPostgres } from './embedded-postgres';

describe('embedded PostgreSQL', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-embedded-'));
  const lockFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  const ownerFile = path.join(dataDir, 'postgres-owner.pid');
  const started: EmbeddedServer[] = [];

  const start = async (): Promise<EmbeddedServer> => {
    const server = await startEmbeddedPostgres({ dataDir, database: 'claimdesk', log: () => undefined });
    started.push(server);
    return server;
  };
  const query = async (url: string, sql: string): Promise<unknown[]> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<Record<string, unknown>>(sql)).rows;
    } finally {
      await client.end();
    }
  };
  const serverPid = (): number => Number(fs.readFileSync(lockFile, 'utf8').split('\n')[0]);
  const alive = (pid: number): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const waitUntilGone = async (pid: number): Promise<void> => {
    while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 20));
  };

  afterAll(async () => {
    for (const server of started.reverse()) await server.stop().catch(() => undefined);
    if (fs.existsSync(lockFile) && alive(serverPid())) {
      process.kill(serverPid(), 'SIGKILL');
      await waitUntilGone(serverPid());
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('initialises a cluster with the application database, listening on loopback only', async () => {
    const server = await start();
    expect(server.owned).toBe(true);
    expect(server.url).toMatch(/^postgres:\/\/claimdesk:[^@]+@127\.0\.0\.1:\d+\/claimdesk$/);
    await query(server.url, 'CREATE TABLE kept (value text)');
    await query(server.url, "INSERT INTO kept VALUES ('survives restarts')");
    expect(await query(server.url, 'SHOW listen_addresses')).toEqual([{ listen_addresses: '127.0.0.1' }]);
    expect(fs.statSync(path.join(dataDir, 'postgres-credentials.json')).mode & 0o077).toBe(0);
  });

  it('lets a second process attach to the running server without taking it over', async () => {
    const [first] = started;
    const second = await start();
    expect(second.owned).toBe(false);
    expect(second.port).toBe(first!.port);
    await second.stop();
    expect(await query(first!.url, 'SELECT value FROM kept')).toEqual([{ value: 'survives restarts' }]);
  });

  it('keeps the data across a clean stop and start, on a new port if need be', async () => {
    const pid = serverPid();
    await started[0]!.stop();
    expect(alive(pid)).toBe(false);
    expect(fs.existsSync(ownerFile)).toBe(false);

    const again = await start();
    expect(again.owned).toBe(true);
    expect(await query(again.url, 'SELECT value FROM kept')).toEqual([{ value: 'survives restarts' }]);
  });

  it('recovers after the server was killed, leaving its lock behind', async () => {
    const pid = serverPid();
    process.kill(pid, 'SIGKILL');
    await waitUntilGone(pid);
    expect(fs.existsSync(lockFile)).toBe(true);

    const recovered = await start();
    expect(recovered.owned).toBe(true);
    expect(serverPid()).not.toBe(pid);
    expect(await query(recovered.url, 'SELECT value FROM kept')).toEqual([{ value: 'survives restarts' }]);
  });

  it('removes a stale lock whose process id now belongs to another program', async () => {
    const pid = serverPid();
    process.kill(pid, 'SIGKILL');
    await waitUntilGone(pid);
    const lines = fs.readFileSync(lockFile, 'utf8').split('\n');
    lines[0] = String(process.pid); // alive, but not PostgreSQL
    fs.writeFileSync(lockFile, lines.join('\n'));

    const recovered = await start();
    expect(serverPid()).not.toBe(process.pid);
    expect(await query(recovered.url, 'SELECT value FROM kept')).toEqual([{ value: 'survives restarts' }]);
  });

  it('adopts a server whose starting process died, and stops it when done', async () => {
    fs.writeFileSync(ownerFile, '2147483646'); // no such process
    const pid = serverPid();

    const adopted = await start();
    expect(adopted.owned).toBe(true);
    expect(serverPid()).toBe(pid);

    await adopted.stop();
    expect(alive(pid)).toBe(false);
  });
});
