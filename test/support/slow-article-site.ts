import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { fixtureArticleHtml } from '@claimdesk/testing';

export interface SlowArticleSite {
  readonly host: string;
  url(path: string): string;
  /** Article requests answered or in flight. */
  requests(): number;
  close(): Promise<void>;
}

/**
 * `/articles/<n>` exactly as the fixture site serves it, but answered after
 * `delayMs`: fetches take long enough for a kill to find jobs mid-fetch.
 */
export async function startSlowArticleSite(delayMs: number): Promise<SlowArticleSite> {
  const sockets = new Set<Socket>();
  let requests = 0;
  const server = createServer((request, response) => {
    request.resume();
    const article = /^\/articles\/(\d+)$/.exec(request.url ?? '');
    if (article === null) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    requests++;
    const body = Buffer.from(fixtureArticleHtml(Number(article[1])), 'utf8');
    const timer = setTimeout(() => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(body.length) });
      response.end(body);
    }, delayMs);
    response.once('close', () => clearTimeout(timer));
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}
