import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '@claimdesk/config';
import { findServiceBeside, notBesideServiceMessage } from './service-beside';

/** A loopback HTTP server answering every request with `status` and `body`; its port. */
async function answering(status: number, body: unknown): Promise<{ port: number; server: Server }> {
  const server = createServer((_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

const configOn = (port: number) => ({ host: '127.0.0.1', port }) as AppConfig;

describe('findServiceBeside', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('finds a Claimdesk service by the database backend its readiness names', async () => {
    const { port, server } = await answering(200, {
      status: 'ok',
      details: { database: { status: 'up', backend: 'embedded-postgresql' } },
    });
    servers.push(server);

    await expect(findServiceBeside(configOn(port))).resolves.toEqual({
      url: `http://127.0.0.1:${port}`,
      backend: 'embedded-postgresql',
    });
  });

  it('finds one whose database is down, by its problem code', async () => {
    const { port, server } = await answering(503, { code: 'health.not_ready', details: { down: ['database'] } });
    servers.push(server);

    await expect(findServiceBeside(configOn(port))).resolves.toEqual({
      url: `http://127.0.0.1:${port}`,
      backend: undefined,
    });
  });

  it('finds nothing in another program on the port, nor on a port nobody listens on', async () => {
    const { port, server } = await answering(200, { status: 'ok' });
    servers.push(server);
    const closed = await answering(200, {});
    await new Promise((resolve) => closed.server.close(resolve));

    await expect(findServiceBeside(configOn(port))).resolves.toBeUndefined();
    await expect(findServiceBeside(configOn(closed.port))).resolves.toBeUndefined();
  });
});

describe('notBesideServiceMessage', () => {
  it('says which folder was used and how to reach the service, on one line', () => {
    const message = notBesideServiceMessage('start', '/srv/cli/.data', {
      url: 'http://127.0.0.1:3000',
      backend: 'embedded-postgresql',
    });

    expect(message).toContain('the embedded database in DATA_DIR /srv/cli/.data is not running');
    expect(message).toContain('another DATA_DIR');
    expect(message).toMatch(/DATABASE_URL.*DATA_DIR/);
    expect(message).toContain('Nothing was started.');
    expect(message).not.toContain('\n');
  });
});
