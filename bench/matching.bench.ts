import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { INestApplicationContext } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { ClaimIndex, matchableText, matchTerms } from '@claimdesk/matching';
import { type BenchApi, startBenchApi } from './bench-app';
import { type BenchDatabase, createBenchDatabase, runIfNoAutovacuum, withClient } from './bench-database';
import { envInt } from './bench-env';
import { bulkLoadClaims } from './bulk-load';
import { clefDirectory, type ClefData, type ClefQuery, type ClefSplit, loadClef, rankingQuality } from './clef';
import { mapConcurrently } from './concurrency';
import { ClaimGenerator, type Rng, rngFor } from './generate-claims';
import { type LoadResult, runLoad } from './load';
import type { LoadRequest } from './load-scenarios';
import { type CpuSnapshot, cpuSnapshot, describeLoad, machineLoadBetween } from './machine-load';
import type { BenchReport, ResultRow } from './results';
import { benchRootVariable } from './snapshot';
import { formatMs, type LatencySummary, seconds, summarize } from './stats';

/** Results asked for in the quality phase: MAP@5 looks at five. */
const qualityLimit = 5;
/** Results asked for in the latency phases, from both endpoints (the matches endpoint's default). */
const latencyLimit = 10;
/** Connections loading the CLEF claims and sending the quality lookups ("a handful"). */
const qualityConnections = 4;
/** Unmeasured requests before each latency run. */
const warmup = 25;
/** GET /claims?q= takes at most this many characters. */
const maxQueryLength = 500;

interface Parameters {
  total: number;
  seed: number;
  claimants: number;
}

interface Log {
  rows: ResultRow[];
  notes: string[];
  line: (text: string) => void;
}

/**
 * Claim matching through POST /api/v1/claims/matches: ranking quality on CLEF
 * 2020 CheckThat! Task 2 (the verified claims submitted through the API, every
 * train and dev tweet looked up), then latency with those ~10k claims, and
 * again over BENCH_MATCH_CLAIMS generated claims beside GET /api/v1/claims?q=.
 */
export async function matchingBench(): Promise<BenchReport> {
  const root = process.env[benchRootVariable] ?? path.resolve(__dirname, '..', '..');
  const parameters: Parameters = {
    total: envInt('BENCH_MATCH_CLAIMS', 1_000_000),
    seed: envInt('BENCH_SEED', 20_260_101),
    claimants: envInt('BENCH_CLAIMANTS', 5000),
  };
  const requests = envInt('BENCH_MATCH_REQUESTS', 500);
  const timeoutMs = envInt('BENCH_MATCH_TIMEOUT_S', 900) * 1000;
  const log: Log = {
    rows: [],
    notes: [],
    line: (text) => process.stderr.write(`matching: ${text}\n`),
  };
  const data = loadClef(clefDirectory(root));
  await clefPhase(data, requests, timeoutMs, log);
  await scalePhase(parameters, requests, timeoutMs, log);
  return { rows: log.rows, notes: log.notes.map((note) => `matching: ${note}`) };
}

/** The CLEF claims through POST /claims, every tweet through POST /claims/matches, then latency at that size. */
async function clefPhase(data: ClefData, requests: number, timeoutMs: number, log: Log): Promise<void> {
  const malformed = data.claims.filter((claim) => !/^\d+$/.test(claim.id)).length;
  if (malformed > 0) {
    log.notes.push(
      `CLEF: ${data.claims.length.toLocaleString('en-US')} verified claims as loadClef reads them, ${malformed} of them ` +
        'with an id that is not a number (a quoted field holding a line break, read as two rows); loaded as read',
    );
  }
  const database = await createBenchDatabase('matching_clef');
  try {
    const api = await startBenchApi(database.url);
    const client = new ApiClient(api, qualityConnections, timeoutMs);
    try {
      // The verified claims, through the API: the ids the answers name, mapped back to CLEF's.
      const clefIdOf = new Map<string, string>();
      let failed = 0;
      let firstError: string | undefined;
      const started = performance.now();
      let done = 0;
      await mapConcurrently(data.claims, qualityConnections, async (claim) => {
        const response = await client.post('/api/v1/claims', {
          text: claim.text,
          ...(claim.headline === null ? {} : { headline: claim.headline }),
        });
        if (++done % 2000 === 0) log.line(`submitted ${done} of ${data.claims.length} CLEF claims`);
        if (response.status !== 201) {
          failed++;
          firstError ??= `CLEF claim ${claim.id} → ${response.status}: ${response.body.slice(0, 300)}`;
          return;
        }
        clefIdOf.set((JSON.parse(response.body) as { id: string }).id, claim.id);
      });
      const loadMs = performance.now() - started;
      log.notes.push(
        `CLEF: submitted ${data.claims.length.toLocaleString('en-US')} verified claims (text, and Snopes' title as headline) through POST ` +
          `/api/v1/claims, ${qualityConnections} connections, in ${seconds(loadMs)} ` +
          `(${((data.claims.length * 1000) / loadMs).toFixed(0)}/s, each answer with its similar claims); ` +
          `${failed} refused${firstError === undefined ? '' : ` (first: ${firstError})`}`,
      );
      log.line(log.notes.at(-1)!);
      if (failed > data.claims.length / 100) throw new Error(`${failed} CLEF claims refused: ${firstError}`);
      // Without statistics the near-copy lookup's plan scans every claim (some 10 ms a lookup at this size).
      if (await runIfNoAutovacuum(database.url, 'ANALYZE')) {
        log.notes.push('CLEF: autovacuum is off on this server: ANALYZE ran after the claims were submitted');
      }

      // Every tweet of both splits, as the API answers it.
      for (const split of ['dev', 'train'] as const satisfies ClefSplit[]) {
        await qualityOf(split, data.splits[split], client, clefIdOf, log);
      }
      const feed = claimIndexFeed(api.app);
      log.notes.push(indexAloneNote(data, clefIdOf, feed?.index.size));
      log.line(log.notes.at(-1)!);

      // Latency at this size: dev tweets and claim texts in turn, one connection.
      const rng = rngFor(20_260_101, Date.now() % 1_000_000, 11);
      const dev = data.splits.dev;
      const texts = Array.from({ length: requests + warmup }, (_, i) =>
        i % 2 === 0 ? rng.pick(dev).text : rng.pick(data.claims).text,
      );
      const result = await timedLoad(
        `POST /claims/matches, ${data.claims.length.toLocaleString('en-US')} CLEF claims, dev tweets and claim texts`,
        api,
        database.url,
        texts.map((text) => matchRequest(api, text)),
        requests,
        log,
      );
      log.rows.push(
        ...latencyRows(
          `matching POST /claims/matches, ${data.claims.length.toLocaleString('en-US')} claims (CLEF), 1 connection`,
          result.latency,
        ),
      );
    } finally {
      client.close();
      await api.close();
    }
  } finally {
    await database.drop();
  }
}

async function qualityOf(
  split: ClefSplit,
  queries: readonly ClefQuery[],
  client: ApiClient,
  clefIdOf: ReadonlyMap<string, string>,
  log: Log,
): Promise<void> {
  let failed = 0;
  let firstError: string | undefined;
  let empty = 0;
  /** Per reason of the first result: how often it came first, and how often it was a relevant claim. */
  const firstReasons = new Map<string, { first: number; relevant: number }>();
  const latencies: number[] = [];
  const results = await mapConcurrently(queries, qualityConnections, async (query) => {
    const started = performance.now();
    const response = await client.post('/api/v1/claims/matches', { text: query.text, limit: qualityLimit });
    latencies.push(performance.now() - started);
    if (response.status !== 200) {
      failed++;
      firstError ??= `tweet ${query.id} → ${response.status}: ${response.body.slice(0, 300)}`;
      return { ranked: [], relevant: query.relevant };
    }
    const items = (JSON.parse(response.body) as { items: { claim: { id: string }; reason: string }[] }).items;
    const ranked = items.map((item) => clefIdOf.get(item.claim.id) ?? `unknown ${item.claim.id}`);
    if (items.length === 0) empty++;
    else {
      const tally = firstReasons.get(items[0]!.reason) ?? { first: 0, relevant: 0 };
      tally.first++;
      if (query.relevant.has(ranked[0]!)) tally.relevant++;
      firstReasons.set(items[0]!.reason, tally);
    }
    return { ranked, relevant: query.relevant };
  });
  const quality = rankingQuality(results);
  const name = `CLEF 2020 ${split}, ${queries.length} tweets`;
  log.rows.push(
    {
      name: `matching MAP@5 (${name})`,
      value: quality.map5,
      unit: '',
      ...(split === 'dev' ? { target: { kind: 'at-least', value: 0.88, of: 'value' } as const } : {}),
    },
    { name: `matching P@1 (${name})`, value: quality.p1, unit: '' },
  );
  const timing = summarize(latencies);
  log.notes.push(
    `${name}: MAP@5 ${quality.map5.toFixed(4)}, P@1 ${quality.p1.toFixed(4)} through POST /api/v1/claims/matches ` +
      `(limit ${qualityLimit}, ${qualityConnections} connections, p50 ${formatMs(timing.p50)} / p99 ${formatMs(timing.p99)} ms); ` +
      `first result by reason: ${
        [...firstReasons]
          .map(([reason, { first, relevant }]) => `${reason} ${first} (${relevant} relevant)`)
          .join(', ') || 'none'
      }; no result ${empty}; failed ${failed}` +
      (firstError === undefined ? '' : ` (first: ${firstError})`),
  );
  log.line(log.notes.at(-1)!);
}

/**
 * The ClaimIndex alone on the same texts (no PostgreSQL copies, no meaning
 * guard, no minimum score), as bench/tune-matching.ts scores it: keyed by
 * CLEF's ids as the tuner keys it, and by the app's claim ids. Claims whose
 * terms are all the same tie, and the tie goes to the claim indexed first
 * (file order here; submission order in the app, which four connections
 * shuffle a little), so the two keyings score the same.
 */
function indexAloneNote(
  data: ClefData,
  clefIdOf: ReadonlyMap<string, string>,
  appIndexSize: number | undefined,
): string {
  const claimIdOf = new Map([...clefIdOf].map(([claimId, clefId]) => [clefId, claimId]));
  const byClef = new ClaimIndex();
  const byClaim = new ClaimIndex();
  const termSets = new Map<string, number>();
  for (const claim of data.claims) {
    byClef.upsert(claim.id, matchableText(claim));
    const claimId = claimIdOf.get(claim.id);
    if (claimId !== undefined) byClaim.upsert(claimId, matchableText(claim));
    const key = [...new Set(matchTerms(matchableText(claim)))].sort().join(' ');
    termSets.set(key, (termSets.get(key) ?? 0) + 1);
  }
  const twinned = new Set(
    data.claims
      .filter((claim) => termSets.get([...new Set(matchTerms(matchableText(claim)))].sort().join(' '))! > 1)
      .map((claim) => claim.id),
  );
  const figures = (index: ClaimIndex, toClef: (id: string) => string): string =>
    (['dev', 'train'] as const)
      .map((split) => {
        const quality = rankingQuality(
          data.splits[split].map((query) => ({
            ranked: index.search(query.text, qualityLimit).map((hit) => toClef(hit.id)),
            relevant: query.relevant,
          })),
        );
        return `${split} MAP@5 ${quality.map5.toFixed(4)}, P@1 ${quality.p1.toFixed(4)}`;
      })
      .join(', ');
  const twinQueries = (['dev', 'train'] as const)
    .map(
      (split) =>
        `${data.splits[split].filter((query) => [...query.relevant].some((id) => twinned.has(id))).length} of ` +
        `${data.splits[split].length} ${split}`,
    )
    .join(' and ');
  return (
    `CLEF, the ClaimIndex alone on the same texts (no PostgreSQL copies, no meaning guard, no minimum score): ` +
    `keyed by CLEF's ids as bench/tune-matching.ts keys it ${figures(byClef, (id) => id)}; keyed by the app's ` +
    `claim ids ${figures(byClaim, (id) => clefIdOf.get(id) ?? id)}. ${twinned.size} verified claims share all ` +
    `their terms with another (ties, which go to the claim indexed first: file order here, submission order in ` +
    `the app); the relevant claim of ` +
    `${twinQueries} tweets is one of them. The app's index held ` +
    `${appIndexSize === undefined ? 'an unknown number of' : appIndexSize.toLocaleString('en-US')} claims`
  );
}

/** BENCH_MATCH_CLAIMS generated claims: the index's first load, its memory, and lookups beside GET /claims?q=. */
async function scalePhase(parameters: Parameters, requests: number, timeoutMs: number, log: Log): Promise<void> {
  const size = parameters.total.toLocaleString('en-US');
  const database = await createBenchDatabase('matching', process.env.BENCH_MATCH_REUSE_DB || undefined);
  try {
    await prepareClaims(database, parameters, log);
    const generator = new ClaimGenerator(parameters);
    const rng = rngFor(parameters.seed, Date.now() % 1_000_000, 12);
    const texts = lookupTexts(generator, parameters.total, rng, 2 * (requests + warmup) + 1);

    const fullGc = collectGarbage();
    const before = process.memoryUsage();
    const started = performance.now();
    const api = await startBenchApi(database.url);
    const client = new ApiClient(api, 1, timeoutMs);
    try {
      // The first catch-up starts with the app; the first lookup waits for it.
      const booted = performance.now();
      const first = await client.post('/api/v1/claims/matches', { text: texts.pop()!, limit: latencyLimit });
      const loaded = performance.now();
      if (first.status !== 200) throw new Error(`first lookup → ${first.status}: ${first.body.slice(0, 300)}`);
      collectGarbage();
      const after = process.memoryUsage();
      const feed = claimIndexFeed(api.app);
      log.rows.push(
        {
          name: `matching: index first load, ${size} claims (app start → first lookup answered)`,
          value: (loaded - started) / 1000,
          unit: 's',
        },
        {
          name: `matching: process RSS with the index loaded, ${size} claims`,
          value: after.rss / 2 ** 20,
          unit: 'MiB',
        },
        {
          name: `matching: heap used + array buffers with the index loaded, ${size} claims`,
          value: (after.heapUsed + after.arrayBuffers) / 2 ** 20,
          unit: 'MiB',
        },
      );
      log.notes.push(
        `${size} claims: app start → first POST /claims/matches answered ${seconds(loaded - started)} ` +
          `(startBenchApi returned after ${seconds(booted - started)}, the first lookup waited ${seconds(loaded - booted)}); ` +
          `index holds ${feed === undefined ? 'an unknown number of' : feed.index.size.toLocaleString('en-US')} claims; ` +
          `memory${fullGc ? ' after a full GC (--expose-gc)' : ' (no --expose-gc: garbage included)'}: ` +
          `${describeMemory(before)} before the app started, ${describeMemory(after)} with the index loaded ` +
          `(this process also holds the app's other state and the bench's own)`,
      );
      log.line(log.notes.at(-1)!);

      // The same texts to both endpoints, in interleaved rounds (matches, search, search, matches).
      const half = Math.ceil(requests / 2);
      const rounds = [texts.slice(0, half + warmup), texts.slice(half + warmup, 2 * (half + warmup))];
      const runs: { matches: LoadResult[]; search: LoadResult[] } = { matches: [], search: [] };
      const order: [keyof typeof runs, number][] = [
        ['matches', 0],
        ['search', 0],
        ['search', 1],
        ['matches', 1],
      ];
      for (const [kind, round] of order) {
        const batch = rounds[round]!;
        const measured = round === 0 ? half : requests - half;
        runs[kind].push(
          await timedLoad(
            `${kind === 'matches' ? 'POST /claims/matches' : 'GET /claims?q='}, ${size} claims, round ${round + 1}`,
            api,
            database.url,
            batch.map((text) => (kind === 'matches' ? matchRequest(api, text) : searchRequest(api, text))),
            measured,
            log,
          ),
        );
      }
      const matches = summarize(runs.matches.flatMap((run) => run.latencies));
      const search = summarize(runs.search.flatMap((run) => run.latencies));
      const name = `matching POST /claims/matches, ${size} claims, 1 connection (baseline GET /claims?q=, same texts)`;
      log.rows.push(
        { name: `${name}: p50`, value: matches.p50, baseline: search.p50, unit: 'ms' },
        {
          name: `${name}: p99`,
          value: matches.p99,
          baseline: search.p99,
          unit: 'ms',
          target: { kind: 'below', value: 100, of: 'value' },
        },
      );
      log.notes.push(
        `${size} claims, over ${matches.count} lookups each (half reworded claims, half random phrases): POST ` +
          `/claims/matches p50 ${formatMs(matches.p50)} / p90 ${formatMs(matches.p90)} / p99 ${formatMs(matches.p99)} / ` +
          `max ${formatMs(matches.max)} ms; GET /claims?q= p50 ${formatMs(search.p50)} / p90 ${formatMs(search.p90)} / ` +
          `p99 ${formatMs(search.p99)} / max ${formatMs(search.max)} ms`,
      );
      log.line(log.notes.at(-1)!);
    } finally {
      client.close();
      await api.close();
    }
  } finally {
    await database.drop();
  }
}

/**
 * Texts to look up among generated claims, alternately: a claim's text
 * reworded (a word dropped, a word of the generator's added elsewhere), and a
 * phrase of 2 to 12 words the generator uses (drawn as they occur, so common
 * words come up often). Each within GET /claims?q='s 500 characters.
 */
function lookupTexts(generator: ClaimGenerator, total: number, rng: Rng, count: number): string[] {
  const word = (): string => {
    for (;;) {
      const words = generator.claimAt(rng.int(total)).text.split(' ');
      const picked = rng.pick(words).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
      if (/\p{L}/u.test(picked)) return picked;
    }
  };
  const texts: string[] = [];
  while (texts.length < count) {
    let text: string;
    if (texts.length % 2 === 0) {
      const words = generator.claimAt(rng.int(total)).text.split(' ');
      if (words.length > 3) words.splice(rng.int(words.length), 1);
      words.splice(rng.int(words.length + 1), 0, word().toLowerCase());
      text = words.join(' ');
    } else {
      text = Array.from({ length: rng.between(2, 12) }, word).join(' ');
    }
    if (text.length <= maxQueryLength) texts.push(text);
  }
  return texts;
}

/** Generates and loads the claims as the search benchmark does, or checks that a reused database holds them. */
async function prepareClaims(
  database: BenchDatabase & { reused: boolean },
  parameters: Parameters,
  log: Log,
): Promise<void> {
  if (database.reused) {
    const stored = await withClient(database.url, async (client) => {
      const { rows } = await client.query<Parameters>(
        'SELECT total, seed::float8 AS seed, claimants FROM bench_meta ORDER BY created_at DESC LIMIT 1',
      );
      return rows[0];
    });
    if (
      stored?.total !== parameters.total ||
      stored.seed !== parameters.seed ||
      stored.claimants !== parameters.claimants
    ) {
      throw new Error(
        `database ${database.name} holds ${JSON.stringify(stored)}, not ${JSON.stringify(parameters)}: ` +
          'set BENCH_MATCH_CLAIMS/BENCH_SEED/BENCH_CLAIMANTS to match or drop BENCH_MATCH_REUSE_DB',
      );
    }
    log.notes.push(`reused database ${database.name} (${parameters.total.toLocaleString('en-US')} claims)`);
    return;
  }
  const workers = Math.max(1, Math.min(envInt('BENCH_LOAD_WORKERS', os.availableParallelism()), 4));
  const report = await bulkLoadClaims({ url: database.url, ...parameters, workers, batch: 5000 }, log.line);
  await withClient(database.url, async (client) => {
    await client.query(
      'CREATE TABLE bench_meta (total integer, seed bigint, claimants integer, created_at timestamptz DEFAULT now())',
    );
    await client.query('INSERT INTO bench_meta (total, seed, claimants) VALUES ($1, $2, $3)', [
      parameters.total,
      parameters.seed,
      parameters.claimants,
    ]);
  });
  log.rows.push({
    name: `matching: generate and load ${parameters.total.toLocaleString('en-US')} claims`,
    value: report.totalMs / 1000,
    unit: 's',
  });
  log.notes.push(
    `generated ${report.claims.toLocaleString('en-US')} claims (${report.kinds.original} original, ` +
      `${report.kinds.near} near duplicates, ${report.kinds.exact} exact repeats) with ${workers} worker threads ` +
      `in ${seconds(report.totalMs)}; sizes: ${report.sizes}`,
  );
}

function matchRequest(api: BenchApi, text: string): LoadRequest {
  return {
    method: 'POST',
    path: '/api/v1/claims/matches',
    headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text, limit: latencyLimit }),
  };
}

function searchRequest(api: BenchApi, text: string): LoadRequest {
  return {
    method: 'GET',
    path: `/api/v1/claims?limit=${latencyLimit}&q=${encodeURIComponent(text)}`,
    headers: { authorization: `Bearer ${api.token}` },
  };
}

/** One connection, `warmup` requests unmeasured then `measured` more, from a worker thread; notes the machine's load. */
async function timedLoad(
  label: string,
  api: BenchApi,
  databaseUrl: string,
  requests: LoadRequest[],
  measured: number,
  log: Log,
): Promise<LoadResult> {
  let before: Promise<CpuSnapshot> | undefined;
  const result = await runLoad(
    {
      port: api.port,
      scenario: { kind: 'requests', requests },
      connections: 1,
      requests: measured,
      warmupRequests: warmup,
      expectStatus: 200,
      inspection: 'search-hits',
    },
    () => {
      before = cpuSnapshot(databaseUrl);
    },
  );
  const load = machineLoadBetween(await before!, await cpuSnapshot(databaseUrl));
  log.notes.push(
    `${label}: ${result.requests} requests, p50 ${formatMs(result.latency.p50)} / p90 ${formatMs(result.latency.p90)} / ` +
      `p99 ${formatMs(result.latency.p99)} / max ${formatMs(result.latency.max)} ms, ${result.errors} errors; ` +
      `${describeCounts(result.outcomes)}; machine: ${describeLoad(load)}; slowest: ` +
      result.slowest.map((slow) => `${formatMs(slow.ms)} ms ${slow.request.slice(0, 200)}`).join(' | ') +
      (result.firstError === undefined ? '' : `; first error: ${result.firstError}`),
  );
  log.line(log.notes.at(-1)!);
  if (result.errors > 0) throw new Error(`${label}: ${result.errors} errors, first: ${result.firstError}`);
  return result;
}

function latencyRows(name: string, latency: LatencySummary): ResultRow[] {
  return [
    { name: `${name}: p50`, value: latency.p50, unit: 'ms' },
    { name: `${name}: p99`, value: latency.p99, unit: 'ms', target: { kind: 'below', value: 100, of: 'value' } },
  ];
}

/** A few keep-alive connections to the bench app, for requests whose answers are read (not timed closely). */
class ApiClient {
  private readonly agent: http.Agent;

  constructor(
    private readonly api: BenchApi,
    connections: number,
    private readonly timeoutMs: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  }

  post(path: string, body: unknown): Promise<{ status: number; body: string }> {
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          agent: this.agent,
          host: '127.0.0.1',
          port: this.api.port,
          method: 'POST',
          path,
          headers: {
            authorization: `Bearer ${this.api.token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          },
          timeout: this.timeoutMs,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          response.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error(`POST ${path}: no answer in ${this.timeoutMs} ms`)));
      request.on('error', reject);
      request.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Runs a full GC when the process was started with --expose-gc; says whether it could. */
function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  return gc !== undefined;
}

function describeMemory(usage: NodeJS.MemoryUsage): string {
  const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  return `RSS ${mib(usage.rss)}, heap used ${mib(usage.heapUsed)}, array buffers ${mib(usage.arrayBuffers)}`;
}

function describeCounts(counts: Record<string, number>): string {
  const total = Object.values(counts).reduce((sum, value) => sum + value, 0);
  return (
    Object.entries(counts)
      .map(([name, count]) => `${name} ${((count * 100) / total).toFixed(1)}%`)
      .join(', ') || 'nothing to count'
  );
}

/**
 * The app's ClaimIndexFeed, for the number of claims its index holds. The
 * class is private to @claimdesk/matching, so it is found by name in Nest's
 * container; undefined when it is not there (the figure is then left out).
 */
function claimIndexFeed(app: INestApplicationContext): { index: { size: number } } | undefined {
  const modules = app.get(ModulesContainer, { strict: false });
  for (const module of modules.values()) {
    for (const [token, wrapper] of module.providers) {
      if (typeof token !== 'function' || token.name !== 'ClaimIndexFeed') continue;
      const instance = wrapper.instance as { index?: { size?: unknown } } | null;
      if (typeof instance?.index?.size === 'number') return instance as { index: { size: number } };
    }
  }
  return undefined;
}
