import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

export interface BaselineServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The floor the API is compared with: a bare `node:http` server whose handler
 * parses the JSON body and inserts one claims-like row (uuid, text, jsonb,
 * timestamps) with a pg.Pool, and answers 201 with the row's id. No
 * framework, no auth, no validation, one statement per request.
 */
export async function startBaselineServer(databaseUrl: string, poolSize: number): Promise<BaselineServer> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolSize,
    application_name: 'claimdesk-bench-baseline',
  });
  await pool.query(`
    CREATE TABLE IF NOT EXISTS bench_baseline_claims (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      text text NOT NULL,
      body jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void handle(Buffer.concat(chunks).toString('utf8')).then(
        ({ status, body }) => {
          response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
          response.end(body);
        },
        (error: unknown) => {
          response.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
          response.end(JSON.stringify({ error: String(error) }));
        },
      );
    });
  });
  // Fastify keeps idle connections 72 s; match it so neither side reconnects more often.
  server.keepAliveTimeout = 72_000;

  async function handle(raw: string): Promise<{ status: number; body: string }> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return { status: 400, body: '{"error":"invalid JSON"}' };
    }
    const text = (parsed as { text?: unknown } | null)?.text;
    if (typeof text !== 'string') return { status: 400, body: '{"error":"text is required"}' };
    const { rows } = await pool.query<{ id: string; created_at: Date }>(
      'INSERT INTO bench_baseline_claims (text, body) VALUES ($1, $2) RETURNING id, created_at',
      [text, raw],
    );
    const row = rows[0]!;
    return { status: 201, body: JSON.stringify({ id: row.id, text, createdAt: row.created_at }) };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}
