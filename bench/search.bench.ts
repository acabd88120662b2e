import { createHash } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { INestApplicationContext } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import pg from 'pg';
import { claimFingerprint, normalizeText } from '@claimdesk/claims';
import { startBenchApi } from './bench-app';
import { type BenchDatabase, createBenchDatabase, withClient } from './bench-database';
import { envInt } from './bench-env';
import { bulkLoadClaims } from './bulk-load';
import { articleUrl, ClaimGenerator, nearDuplicate, queryWords, rngFor } from './generate-claims';
import { type LoadResult, runLoad } from './load';
import type { LoadRequest } from './load-scenarios';
import { type CpuSnapshot, cpuSnapshot, describeLoad, machineLoadBetween } from './machine-load';
import type { BenchReport, ResultRow } from './results';
import { formatMs, type LatencySummary, summarize } from './stats';

const similarLimit = 5; // ClaimsService's: exact matches first, near ones fill up to it

interface MatchKeys {
  normalizedText: string;
  textHash: string;
  fingerprint: number[];
}

/** The lookup of ClaimsRepository that ClaimsService makes at submission (exact and near in one statement). */
interface SimilarLookup {
  findSimilar(keys: MatchKeys, excludeId: string | null, limit: number): Promise<{ match: string }[]>;
}

interface Parameters {
  total: number;
  seed: number;
  claimants: number;
}

/**
 * Search and similar-claim lookup over BENCH_CLAIMS generated claims: GET
 * /api/v1/claims?q= with 2 to 4 words of a random existing claim, POST
 * /api/v1/claims of a near duplicate of one (which looks up its similar claims
 * before answering), and the repository's two lookups timed on their own.
 */
export async function searchBench(): Promise<BenchReport> {
  const parameters: Parameters = {
    total: envInt('BENCH_CLAIMS', 1_000_000),
    seed: envInt('BENCH_SEED', 20_260_101),
    claimants: envInt('BENCH_CLAIMANTS', 5000),
  };
  const searches = envInt('BENCH_SEARCH_REQUESTS', 600);
  const submissions = envInt('BENCH_SIMILAR_REQUESTS', 300);
  const lookups = envInt('BENCH_LOOKUPS', 500);
  const concurrency = envInt('BENCH_SEARCH_CONNECTIONS', 1);
  const rows: ResultRow[] = [];
  const notes: string[] = [];
  const log = (line: string): void => {
    process.stderr.write(`search: ${line}\n`);
  };

  const database = await createBenchDatabase('search', process.env.BENCH_REUSE_DB || undefined);
  try {
    await prepareClaims(database, parameters, rows, notes, log);
    const api = await startBenchApi(database.url);
    try {
      const generator = new ClaimGenerator(parameters);
      const rng = rngFor(parameters.seed, Date.now() % 1_000_000, 9);
      const auth = { authorization: `Bearer ${api.token}` };

      // Searches: 2 to 4 content words of a random existing claim.
      const queries = Array.from({ length: searches + 50 }, () =>
        queryWords(generator.claimAt(rng.int(parameters.total)).text, rng),
      );
      const search = await measure(
        'GET /claims?q=',
        database.url,
        (onMeasuring) =>
          runLoad(
            {
              port: api.port,
              scenario: {
                kind: 'requests',
                requests: queries.map((q) => ({
                  method: 'GET',
                  path: `/api/v1/claims?q=${encodeURIComponent(q)}`,
                  headers: auth,
                })),
              },
              connections: concurrency,
              requests: searches,
              warmupRequests: 50,
              expectStatus: 200,
              inspection: 'search-hits',
            },
            onMeasuring,
          ),
        notes,
        log,
      );
      rows.push(...latencyRows(`GET /claims?q=<2-4 words> (${concurrency} concurrent)`, search.latency));
      notes.push(`GET /claims?q=, what the slowest searches match: ${await describeMatches(database.url, search)}`);

      // Submissions of near duplicates: the response carries the similar claims found.
      const nearRequests = Array.from({ length: submissions + 20 }, (): LoadRequest => {
        const original = generator.claimAt(rng.int(parameters.total));
        const claimant = generator.claimants[original.claimant]!;
        const text = nearDuplicate(original.text, rng);
        return {
          method: 'POST',
          path: '/api/v1/claims',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({
            text,
            claimant: { name: claimant.name, role: claimant.role },
            language: 'en',
            tags: original.tags,
            appearance: { url: articleUrl(rng, text) },
          }),
        };
      });
      const submit = await measure(
        'POST /claims near duplicate',
        database.url,
        (onMeasuring) =>
          runLoad(
            {
              port: api.port,
              scenario: { kind: 'requests', requests: nearRequests, keyPrefix: `near-${Date.now().toString(36)}` },
              connections: concurrency,
              requests: submissions,
              warmupRequests: 20,
              expectStatus: 201,
              inspection: 'similar-found',
            },
            onMeasuring,
          ),
        notes,
        log,
      );
      rows.push(...latencyRows(`POST /claims, near duplicate (${concurrency} concurrent)`, submit.latency));

      // The repository's lookups on their own, one at a time, as similarTo makes them.
      const repository = similarLookup(api.app);
      const nearTexts = Array.from({ length: lookups + 50 }, () =>
        nearDuplicate(generator.claimAt(rng.int(parameters.total)).text, rng),
      );
      const newTexts = freshClaims(generator, parameters.total, lookups + 50);
      for (const [label, texts] of [
        ['near duplicate', nearTexts],
        ['new claim', newTexts],
      ] as const) {
        const timing = await timeLookups(repository, texts, 50, database.url);
        rows.push(...latencyRows(`similar lookup, repository (exact + near), ${label}`, timing.both));
        notes.push(
          `similar lookup, ${label}: ${timing.both.count} lookups one at a time (exact and near in one statement); ` +
            `found: ${describeCounts(timing.outcomes)}; rows sharing a fingerprint band (of at most 2,000 looked at, the 50 sharing the most bands are scored): ` +
            `p50 ${timing.candidates.p50}, p99 ${timing.candidates.p99}, max ${timing.candidates.max}; slowest: ${timing.slowest
              .map((slow) => `${formatMs(slow.ms)} ms (${slow.candidates} candidates) "${slow.text}"`)
              .join('; ')}`,
        );
        log(notes.at(-1)!);
      }
    } finally {
      await api.close();
    }
  } finally {
    await database.drop();
  }
  return { rows, notes: notes.map((note) => `search: ${note}`) };
}

/** Generates and loads the claims, or checks that a reused database holds the same ones. */
async function prepareClaims(
  database: BenchDatabase & { reused: boolean },
  parameters: Parameters,
  rows: ResultRow[],
  notes: string[],
  log: (line: string) => void,
): Promise<void> {
  if (database.reused) {
    const stored = await withClient(database.url, async (client) => {
      const { rows: meta } = await client.query<Parameters>(
        'SELECT total, seed::float8 AS seed, claimants FROM bench_meta ORDER BY created_at DESC LIMIT 1',
      );
      return meta[0];
    });
    if (
      stored?.total !== parameters.total ||
      stored.seed !== parameters.seed ||
      stored.claimants !== parameters.claimants
    ) {
      throw new Error(
        `database ${database.name} holds ${JSON.stringify(stored)}, not ${JSON.stringify(parameters)}: ` +
          'set BENCH_CLAIMS/BENCH_SEED/BENCH_CLAIMANTS to match or drop BENCH_REUSE_DB',
      );
    }
    notes.push(
      `reused database ${database.name} with ${parameters.total.toLocaleString('en-US')} claims (no generation)`,
    );
    return;
  }
  const workers = Math.max(1, Math.min(envInt('BENCH_LOAD_WORKERS', os.availableParallelism()), 4));
  const report = await bulkLoadClaims({ url: database.url, ...parameters, workers, batch: 5000 }, log);
  await withClient(database.url, async (client) => {
    await client.query(
      `CREATE TABLE bench_meta (total integer, seed bigint, claimants integer, created_at timestamptz DEFAULT now())`,
    );
    await client.query('INSERT INTO bench_meta (total, seed, claimants) VALUES ($1, $2, $3)', [
      parameters.total,
      parameters.seed,
      parameters.claimants,
    ]);
  });
  rows.push({
    name: `generate and load ${parameters.total.toLocaleString('en-US')} claims`,
    value: report.totalMs / 1000,
    unit: 's',
  });
  notes.push(
    `generated ${report.claims.toLocaleString('en-US')} claims (${report.kinds.original} original, ` +
      `${report.kinds.near} near duplicates, ${report.kinds.exact} exact repeats) by ${report.claimants} claimants ` +
      `with ${workers} worker threads: insert ${(report.insertMs / 1000).toFixed(0)} s, indexes and foreign keys ` +
      `${(report.indexMs / 1000).toFixed(0)} s, VACUUM ANALYZE ${(report.vacuumMs / 1000).toFixed(0)} s, ` +
      `${(report.totalMs / 1000).toFixed(0)} s in all`,
    `sizes: ${report.sizes}`,
  );
}

async function measure(
  label: string,
  databaseUrl: string,
  run: (onMeasuring: () => void) => Promise<LoadResult>,
  notes: string[],
  log: (line: string) => void,
): Promise<LoadResult> {
  let before: Promise<CpuSnapshot> | undefined;
  const result = await run(() => {
    before = cpuSnapshot(databaseUrl);
  });
  const load = machineLoadBetween(await before!, await cpuSnapshot(databaseUrl));
  notes.push(
    `${label}: ${result.requests} requests, ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${formatMs(result.latency.p50)} / ` +
      `p90 ${formatMs(result.latency.p90)} / p99 ${formatMs(result.latency.p99)} / max ${formatMs(result.latency.max)} ms, ` +
      `${result.errors} errors; ${describeCounts(result.outcomes)}; machine: ${describeLoad(load)}`,
    `${label}, slowest: ${result.slowest.map((slow) => `${formatMs(slow.ms)} ms ${slow.request}`).join(' | ')}`,
  );
  if (result.firstError !== undefined) notes.push(`${label}, first error: ${result.firstError}`);
  log(notes.at(-2)!);
  return result;
}

function latencyRows(name: string, latency: LatencySummary): ResultRow[] {
  return [
    { name: `${name}: p50`, value: latency.p50, unit: 'ms' },
    { name: `${name}: p99`, value: latency.p99, unit: 'ms', target: { kind: 'below', value: 50, of: 'value' } },
  ];
}

function describeCounts(counts: Record<string, number>): string {
  const total = Object.values(counts).reduce((sum, value) => sum + value, 0);
  return (
    Object.entries(counts)
      .map(([name, count]) => `${name} ${((count * 100) / total).toFixed(1)}%`)
      .join(', ') || 'nothing to count'
  );
}

/** Claims the database does not hold: originals from beyond the loaded part of the stream. */
function freshClaims(generator: ClaimGenerator, total: number, count: number): string[] {
  const texts: string[] = [];
  for (let index = total; texts.length < count; index++) {
    const claim = generator.claimAt(index);
    if (claim.kind === 'original') texts.push(claim.text);
  }
  return texts;
}

function keysOf(text: string): MatchKeys {
  const normalizedText = normalizeText(text);
  return {
    normalizedText,
    textHash: createHash('sha256').update(normalizedText).digest('hex'),
    fingerprint: claimFingerprint(normalizedText),
  };
}

async function timeLookups(
  repository: SimilarLookup,
  texts: readonly string[],
  warmup: number,
  databaseUrl: string,
): Promise<{
  both: LatencySummary;
  outcomes: Record<string, number>;
  candidates: LatencySummary;
  slowest: { ms: number; text: string; candidates: number }[];
}> {
  const both: number[] = [];
  const candidates: number[] = [];
  const outcomes: Record<string, number> = {};
  const slowest: { ms: number; text: string; candidates: number }[] = [];
  const counter = new pg.Client({ connectionString: databaseUrl, application_name: 'claimdesk-bench-diagnostics' });
  await counter.connect();
  try {
    for (const [i, text] of texts.entries()) {
      const keys = keysOf(text);
      const t0 = performance.now();
      const similar = await repository.findSimilar(keys, null, similarLimit);
      const t2 = performance.now();
      const exactRows = similar.filter((row) => row.match === 'exact');
      const nearRows = similar.filter((row) => row.match === 'near');
      if (i < warmup) continue;
      both.push(t2 - t0);
      const outcome = nearRows.length > 0 ? 'near match' : exactRows.length > 0 ? 'exact match only' : 'no match';
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      // Diagnostics, after the timing: how many rows the near-match query had to score.
      const { rows } = await counter.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM claims WHERE fingerprint && $1::int[]',
        [keys.fingerprint],
      );
      candidates.push(rows[0]!.n);
      slowest.push({ ms: t2 - t0, text, candidates: rows[0]!.n });
      slowest.sort((a, b) => b.ms - a.ms);
      slowest.length = Math.min(slowest.length, 3);
    }
  } finally {
    await counter.end();
  }
  return {
    both: summarize(both),
    outcomes,
    candidates: summarize(candidates),
    slowest,
  };
}

/** How many claims the slowest searches matched: the rows the ranking had to score. */
async function describeMatches(databaseUrl: string, result: LoadResult): Promise<string> {
  return withClient(databaseUrl, async (client) => {
    const described: string[] = [];
    for (const slow of result.slowest) {
      const q = new URLSearchParams(slow.request.slice(slow.request.indexOf('?') + 1)).get('q') ?? '';
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM claims WHERE to_tsvector('simple', normalized_text) @@ plainto_tsquery('simple', $1)`,
        [normalizeText(q)],
      );
      described.push(`"${q}" ${formatMs(slow.ms)} ms, ${rows[0]!.n.toLocaleString('en-US')} matches`);
    }
    return described.join('; ');
  });
}

/**
 * The app's own ClaimsRepository instance. The class is private to
 * @claimdesk/claims, so it is found by name in Nest's container rather than
 * imported; the methods are checked before use.
 */
function similarLookup(app: INestApplicationContext): SimilarLookup {
  const modules = app.get(ModulesContainer, { strict: false });
  for (const module of modules.values()) {
    for (const [token, wrapper] of module.providers) {
      if (typeof token !== 'function' || token.name !== 'ClaimsRepository') continue;
      const instance: unknown = wrapper.instance;
      if (isSimilarLookup(instance)) return instance;
    }
  }
  throw new Error('ClaimsRepository with findSimilar not found in the application');
}

function isSimilarLookup(value: unknown): value is SimilarLookup {
  const candidate = value as Partial<Record<keyof SimilarLookup, unknown>> | null;
  return typeof candidate?.findSimilar === 'function';
}
