import { randomBytes } from 'node:crypto';
import { dataSourceOptions } from '@claimdesk/persistence';
import { schema } from '@claimdesk/schema';
import { startBaselineServer } from './baseline-server';
import { startBenchApi } from './bench-app';
import { createBenchDatabase, runIfNoAutovacuum, withClient } from './bench-database';
import { envInt } from './bench-env';
import { type LoadResult, runLoad } from './load';
import type { Scenario } from './load-scenarios';
import { type CpuSnapshot, cpuSnapshot, describeLoad, machineLoadBetween } from './machine-load';
import type { BenchReport } from './results';
import { formatMs, summarize } from './stats';

type Side = 'full stack' | 'baseline';

/**
 * POST /api/v1/claims through the whole stack (bearer token, validation,
 * idempotency key, claimant find-or-create, source find-or-create, claim,
 * appearance, events, outbox, similar-claim lookup) against a bare node:http +
 * pg handler inserting one comparable row, same connections, same duration,
 * same process. The two are interleaved (A B B A …) so that a burst of load
 * from elsewhere on the machine does not fall on one side only.
 */
export async function claimsSubmitBench(): Promise<BenchReport> {
  const connections = envInt('BENCH_CONNECTIONS', 50);
  const durationMs = envInt('BENCH_DURATION_S', 15) * 1000;
  const warmupMs = envInt('BENCH_WARMUP_S', 3) * 1000;
  const rounds = envInt('BENCH_ROUNDS', 2);
  const claimants = envInt('BENCH_SUBMIT_CLAIMANTS', 300);
  const pacedRate = envInt('BENCH_PACED_RATE', 20);
  const pacedMs = envInt('BENCH_PACED_S', 8) * 1000;
  const poolSize = appPoolSize();
  const notes: string[] = [];

  const database = await createBenchDatabase('submit');
  try {
    const api = await startBenchApi(database.url);
    const baseline = await startBaselineServer(database.url, poolSize);
    try {
      const seed = randomBytes(4).readUInt32LE();
      const run = randomBytes(3).toString('hex');
      const results: Record<Side, LoadResult[]> = { 'full stack': [], baseline: [] };
      let start = 0;
      const scenarioFor = (side: Side, label: string): Scenario => {
        start += 1_000_000;
        return {
          kind: 'submit-claims',
          path: side === 'baseline' ? '/claims' : '/api/v1/claims',
          token: api.token,
          seed,
          start,
          claimants,
          popularUrls: 400,
          keyPrefix: `bench-${run}-${label}-${side === 'baseline' ? 'b' : 'f'}`,
        };
      };
      for (const side of ['baseline', 'full stack'] as const) {
        await runLoad({
          port: side === 'baseline' ? baseline.port : api.port,
          scenario: scenarioFor(side, 'warmup'),
          connections,
          durationMs: warmupMs,
          expectStatus: 201,
        });
      }
      const analyzed = await runIfNoAutovacuum(database.url, 'ANALYZE');
      for (let round = 0; round < rounds; round++) {
        const order: Side[] = round % 2 === 0 ? ['baseline', 'full stack'] : ['full stack', 'baseline'];
        if (round > 0) await runIfNoAutovacuum(database.url, 'ANALYZE');
        for (const side of order) {
          const scenario = scenarioFor(side, String(round));
          let before: Promise<CpuSnapshot> | undefined;
          const result = await runLoad(
            {
              port: side === 'baseline' ? baseline.port : api.port,
              scenario,
              connections,
              durationMs: Math.round(durationMs / rounds),
              warmupMs: 1000,
              expectStatus: 201,
            },
            () => {
              before = cpuSnapshot(database.url);
            },
          );
          const load = machineLoadBetween(await before!, await cpuSnapshot(database.url));
          const perRequest = (cores: number): string =>
            ((cores * result.elapsedMs) / Math.max(1, result.requests)).toFixed(2);
          results[side].push(result);
          notes.push(
            `round ${round + 1}, ${side}: ${result.requests} requests in ${(result.elapsedMs / 1000).toFixed(1)} s, ` +
              `${result.requestsPerSecond.toFixed(0)} req/s, p50 ${formatMs(result.latency.p50)} ms, ` +
              `p99 ${formatMs(result.latency.p99)} ms, ${result.errors} errors; CPU per request: ` +
              `${perRequest(load.mainThread)} ms in the server's event loop, ${perRequest(load.thisProcess)} ms in this ` +
              `process (with the load generator and GC threads), ${perRequest(load.database)} ms in PostgreSQL; ` +
              `machine: ${describeLoad(load)}`,
          );
          if (result.firstError !== undefined) notes.push(`first error (${side}): ${result.firstError}`);
          process.stderr.write(`submit: ${notes.at(-1)}\n`);
        }
      }

      const full = combine(results['full stack']);
      const raw = combine(results.baseline);

      // The same requests paced well below capacity: latency without the queueing that 50 closed-loop
      // connections cause (there, latency is about connections / throughput whatever the service time).
      const paced: Partial<Record<Side, LoadResult>> = {};
      for (const side of ['baseline', 'full stack'] as const) {
        const result = await runLoad({
          port: side === 'baseline' ? baseline.port : api.port,
          scenario: scenarioFor(side, 'paced'),
          connections,
          ratePerSecond: pacedRate,
          durationMs: pacedMs,
          warmupMs: 1000,
          expectStatus: 201,
        });
        paced[side] = result;
        notes.push(
          `paced at ${pacedRate} req/s, ${side}: ${result.requests} requests, p50 ${formatMs(result.latency.p50)} ms, ` +
            `p99 ${formatMs(result.latency.p99)} ms, ${result.errors} errors`,
        );
        process.stderr.write(`submit: ${notes.at(-1)}\n`);
      }
      const counts = await withClient(database.url, async (client) => {
        const { rows } = await client.query<Record<string, string>>(`
          SELECT (SELECT count(*) FROM claims) AS claims, (SELECT count(*) FROM claimants) AS claimants,
                 (SELECT count(*) FROM sources) AS sources, (SELECT count(*) FROM appearances) AS appearances,
                 (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM idempotency_keys) AS keys,
                 (SELECT count(*) FROM outbox_job) AS outbox_waiting,
                 (SELECT count(*) FROM bench_baseline_claims) AS baseline_rows`);
        return rows[0]!;
      });
      notes.unshift(
        `${connections} connections, ${durationMs / 1000} s measured per side in ${rounds} interleaved rounds ` +
          `(warm-up ${warmupMs / 1000} s each first, 1 s before each round), pool of ${poolSize} connections on both sides, ` +
          `BullMQ on ${api.queueBackend}, API and workers in this process, load generator in a worker thread`,
        `rows written: ${Object.entries(counts)
          .map(([table, count]) => `${table} ${count}`)
          .join(', ')}`,
      );
      if (analyzed) {
        notes.push(
          'autovacuum is off on this server: the bench ran ANALYZE after the warm-up and between rounds, as ' +
            'autovacuum would on tables this young (without statistics the similar-claim lookup seq-scans claims)',
        );
      }
      if (full.errors + raw.errors > 0) notes.push(`errors: full stack ${full.errors}, baseline ${raw.errors}`);

      return {
        rows: [
          {
            name: 'POST /claims: throughput (full stack vs raw pg)',
            value: full.requestsPerSecond,
            baseline: raw.requestsPerSecond,
            unit: 'req/s',
            target: { kind: 'at-least', value: 0.6, of: 'ratio' },
          },
          {
            name: 'POST /claims: p99 latency',
            value: full.p99,
            baseline: raw.p99,
            unit: 'ms',
            target: { kind: 'below', value: 50, of: 'value' },
          },
          { name: 'POST /claims: p50 latency', value: full.p50, baseline: raw.p50, unit: 'ms' },
          {
            name: `POST /claims: p50 latency paced at ${pacedRate} req/s`,
            value: paced['full stack']!.latency.p50,
            baseline: paced.baseline!.latency.p50,
            unit: 'ms',
          },
          {
            name: `POST /claims: p99 latency paced at ${pacedRate} req/s`,
            value: paced['full stack']!.latency.p99,
            baseline: paced.baseline!.latency.p99,
            unit: 'ms',
          },
        ],
        notes: notes.map((note) => `submit: ${note}`),
      };
    } finally {
      await baseline.close();
      await api.close();
    }
  } finally {
    await database.drop();
  }
}

function combine(results: readonly LoadResult[]): {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
} {
  const latencies = results.flatMap((result) => result.latencies);
  const elapsedMs = results.reduce((sum, result) => sum + result.elapsedMs, 0);
  const summary = summarize(latencies);
  return {
    requestsPerSecond: (latencies.length * 1000) / elapsedMs,
    p50: summary.p50,
    p99: summary.p99,
    errors: results.reduce((sum, result) => sum + result.errors, 0),
  };
}

/** The API's pool size (TypeORM's `extra.max`), which the baseline's pg.Pool matches. */
function appPoolSize(): number {
  const extra = (dataSourceOptions('postgres://localhost/x', schema) as { extra?: { max?: unknown } }).extra;
  return typeof extra?.max === 'number' ? extra.max : 10;
}
