import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import pg from 'pg';
import type { Principal } from '@claimdesk/accounts';
import { type FetchOutcome, SourceCheckService } from '@claimdesk/checking';
import { type ClaimSubmission, ClaimsService } from '@claimdesk/claims';
import { Database } from '@claimdesk/persistence';
import { JobOutbox, type JobRun, OutboxRelay, QueueName, QueueRegistry } from '@claimdesk/queue';
import { fixtureArticle, type FixtureSite, startFixtureSite } from '@claimdesk/testing';
import { type BackendReport, type BackendTurn, onQueueBackends, type QueueBackend, queueBackends } from './backends';
import { type BenchApi, startBenchApi } from './bench-app';
import { runIfNoAutovacuum } from './bench-database';
import { envInt } from './bench-env';
import { mapConcurrently, sleep } from './concurrency';
import { ClaimGenerator } from './generate-claims';
import { type CpuSnapshot, cpuSnapshot, describeLoad, type MachineLoad, machineLoadBetween } from './machine-load';
import type { BenchReport, ResultRow } from './results';
import { describeTrips, type RoundTrips, withRoundTrips } from './round-trips';
import { p50p99, seconds, summarize } from './stats';

/**
 * `source.fetch` (fetch + extract + snapshot + quote check) through the queue
 * against the local fixture site, beside the same work in a plain loop at the
 * same concurrency, in the same process and run: on BullMQ's PostgreSQL
 * backend, then (when REDIS_URL is set) on Redis, each with a bench database
 * and app of its own (BullMQ's backend is chosen process-wide: one at a time).
 *
 * Every job cites `/articles/<n>` of the fixture site (served on 127.0.0.1 by
 * this process) with a `?via=<phase>` query, which makes each phase's sources
 * distinct while the pages stay the same: loop and queue do articles 1..N.
 *
 * - Loop (the baseline). Claims citing the articles are submitted through
 *   `ClaimsService.submit`, each in a transaction that also deletes the
 *   `source.fetch` outbox row the submission wrote: that row never commits,
 *   so no job ever exists for these sources, and their claims, sources and
 *   pending appearances are exactly what a submission leaves. Untimed. The
 *   timed part calls the app's own `SourceCheckService.fetchSource` (the
 *   job's handler) with a stub run, 8 at a time (the sources worker's
 *   concurrency): fetch, extract, snapshot, quote check, as the job does.
 * - Queue. Claims citing the same articles are submitted through
 *   `ClaimsService.submit`, 8 at a time, and left alone: outbox → relay
 *   (woken by NOTIFY) → BullMQ queue `sources` → the worker → `fetchSource`.
 *   Enqueued at the claim's `created_at` (the transaction's `now()`, which
 *   the outbox row gets too), recorded at the appearance's
 *   `quote_checks.checked_at`; jobs/s = jobs / (last `checked_at` − first
 *   `created_at`). The queued side so also pays for the submissions, which
 *   compete with the workers for the same cores.
 * - Queue, enqueue only (a diagnostic, no target). Claims prepared as for the
 *   loop, then only `JobOutbox.enqueue` of each `source.fetch` timed, as
 *   `SourcesService` writes it, each in a transaction of its own: the
 *   queue's cost without the submissions'.
 *
 * The three are interleaved in BENCH_SOURCES_ROUNDS rounds (loop, queue,
 * enqueue only; then enqueue only, queue, loop; …), each round a share of
 * the N articles, so that load from elsewhere on a shared machine does not
 * fall on one side only. Then a paced phase: jobs at a rate well below
 * capacity through the loop and through the queue, for latency without
 * queueing.
 *
 * Memory: on the first backend, before the rounds, a loop of its own runs
 * over N more sources (articles 1..N again) without a break, sampling
 * `process.memoryUsage()` after every article and recording the heap after
 * each full GC.
 *
 * A warm-up of BENCH_SOURCES_WARMUP jobs each way goes first. The service's
 * `fetchSource` is wrapped to time each call and count calls in flight, the
 * relay's `relayBatch` to count its passes, and `pg.Client#query` and
 * ioredis's `sendCommand` to count statements and commands per job: the
 * queue's latency splits into waiting and work, its cost into round trips.
 */
export async function sourceCheckBench(): Promise<BenchReport> {
  const settings: Settings = {
    total: envInt('BENCH_SOURCES', 1000),
    rounds: envInt('BENCH_SOURCES_ROUNDS', 2),
    warmup: envInt('BENCH_SOURCES_WARMUP', 50),
    paced: envInt('BENCH_SOURCES_PACED', 60),
    pacedRate: envInt('BENCH_SOURCES_PACED_RATE', 10),
    timeoutMs: envInt('BENCH_SOURCES_TIMEOUT_S', 180) * 1000,
  };
  if (settings.rounds > settings.total) throw new Error('BENCH_SOURCES_ROUNDS must not exceed BENCH_SOURCES');
  const backends = queueBackends();
  const rows: ResultRow[] = [];
  const notes: string[] = [
    `${settings.total} articles per side and backend (BENCH_SOURCES) in ${settings.rounds} interleaved rounds, ` +
      `${concurrency} jobs at a time on both sides (the sources worker's concurrency), claims submitted ` +
      `${submitters} at a time; warm-up ${settings.warmup} jobs each way; paced: ${settings.paced} jobs at ` +
      `${settings.pacedRate}/s each way; API, workers, fixture site and loop in this process; gc ` +
      `${exposedGc === undefined ? 'not exposed' : 'exposed, run before each phase'}`,
  ];
  await withRoundTrips(async (trips) => {
    const site = await startFixtureSite();
    try {
      const report = await onQueueBackends(backends, { bench: 'sourcecheck', databaseLabel: 'sources' }, (turn) =>
        runOnBackend(turn, site, settings, trips),
      );
      rows.push(...report.rows);
      notes.push(...report.notes);
      notes.push(`fixture site: ${site.requests()} requests on ${site.connections()} connections`);
    } finally {
      await site.close();
    }
  });
  return { rows, notes: notes.map((note) => `sourcecheck: ${note}`) };
}

type Side = 'loop' | 'queue' | 'enqueue only';

interface Settings {
  total: number;
  rounds: number;
  warmup: number;
  paced: number;
  pacedRate: number;
  timeoutMs: number;
}

/** The issue's targets for queued jobs/s ÷ loop jobs/s. */
const ratioTarget: Record<QueueBackend, number> = { postgresql: 0.6, redis: 0.8 };
/** The sources worker's concurrency (`@Processor(QueueName.Sources, { concurrency: 8 })`): the loop's. */
const concurrency = 8;
/** Claims submitted (or jobs enqueued) at a time in the queued runs, and while preparing. */
const submitters = 8;
/** Heap growth allowed between the first and the last hundred articles. */
const heapGrowthLimit = 1.1;
const pollIntervalMs = 50;
const pollApplicationName = 'claimdesk-bench-poll';
const exposedGc = (globalThis as { gc?: () => void }).gc;

/** One claim citing one article, prepared or submitted. */
interface Item {
  n: number;
  claimId: string;
  appearanceId: string;
  sourceId: string;
  /** Epoch ms at which its job was enqueued, when that is not the claim's `created_at`. */
  enqueuedAt?: number;
  /** Epoch ms at which the transaction that enqueued its job had committed. */
  committedAt?: number;
}

/** When an appearance's quote was checked, from the database. */
interface Checked {
  appearanceId: string;
  sourceId: string;
  status: string;
  createdMs: number;
  checkedMs: number;
}

/** What one side measured, summed over its rounds. */
interface Measure {
  jobs: number;
  /** Loop: its duration; queue: first enqueue to last recorded result. Summed over rounds, ms. */
  elapsedMs: number;
  /** The enqueueing alone (submissions or outbox inserts), summed over rounds, ms. */
  enqueueMs: number;
  /** ms, per job. Loop: `service` (call → result) and `sinceStart`; queue: all but `sinceStart`. */
  latency: number[];
  /** Enqueue → handler start, of which enqueue → commit (`committing`) and commit → start (`pickup`). */
  waiting: number[];
  committing: number[];
  pickup: number[];
  service: number[];
  sinceStart: number[];
  cpu: { before: CpuSnapshot; after: CpuSnapshot }[];
  trips: Map<string, number>;
  relay: { passes: number; rows: number; ms: number };
  maxInFlight: number;
  peakRss: number;
  rounds: string[];
}

function newMeasure(): Measure {
  return {
    jobs: 0,
    elapsedMs: 0,
    enqueueMs: 0,
    latency: [],
    waiting: [],
    committing: [],
    pickup: [],
    service: [],
    sinceStart: [],
    cpu: [],
    trips: new Map(),
    relay: { passes: 0, rows: 0, ms: 0 },
    maxInFlight: 0,
    peakRss: 0,
    rounds: [],
  };
}

function rate(measure: Measure): number {
  return (measure.jobs * 1000) / measure.elapsedMs;
}

interface Memory {
  /** After each article, in completion order. */
  heapUsed: number[];
  rss: number[];
  peakRss: number;
  rssBefore: number;
  /** Heap used after each full (mark-compact) GC during the loop, in order. */
  afterFullGc: number[];
}

async function runOnBackend(
  { backend, index, name, log, database }: BackendTurn,
  site: FixtureSite,
  settings: Settings,
  trips: RoundTrips,
): Promise<BackendReport> {
  const measureMemory = index === 0;
  const notes: string[] = [];
  const api = await startBenchApi(database.url, { queueBackend: backend, fetchAllowedHosts: site.host });
  const poll = new pg.Client({ connectionString: database.url, application_name: pollApplicationName });
  await poll.connect();
  const rig = new Rig(api, site, poll, database.url, trips, settings.timeoutMs);
  try {
    const numbers = Array.from({ length: settings.total }, (_, i) => i + 1);
    const pacedNumbers = numbers.slice(0, Math.min(settings.paced, settings.total));
    const warm = numbers.slice(0, Math.min(settings.warmup, settings.total));
    await rig.loop(await rig.prepare(warm, 'warmup-loop'), newMeasure());
    await rig.queued(warm, 'warmup-queue', newMeasure());

    const started = performance.now();
    const loopItems = await rig.prepare(numbers, 'loop');
    const prepareMs = performance.now() - started;
    const enqueueItems = await rig.prepare(numbers, 'queue-enqueue');
    const pacedLoopItems = await rig.prepare(pacedNumbers, 'paced-loop');
    const memoryItems = measureMemory ? await rig.prepare(numbers, 'memory') : [];
    log(
      `warmed up with ${warm.length} jobs each way; prepared ${loopItems.length} claims for the loop in ` +
        `${seconds(prepareMs)} (${((loopItems.length * 1000) / prepareMs).toFixed(0)} submissions/s)`,
    );
    if (await runIfNoAutovacuum(database.url, 'ANALYZE')) {
      notes.push(`${name}: autovacuum is off on this server: ANALYZE ran after the warm-up and the preparation`);
    }

    let memory: Memory | undefined;
    const memoryLoop = newMeasure();
    if (measureMemory) {
      gcIfExposed();
      memory = await rig.loop(memoryItems, memoryLoop, true);
      log(`memory loop: ${memoryLoop.jobs} jobs at ${rate(memoryLoop).toFixed(1)} jobs/s`);
    }

    const measures: Record<Side, Measure> = {
      loop: newMeasure(),
      queue: newMeasure(),
      'enqueue only': newMeasure(),
    };
    const share = (round: number): [number, number] => [
      Math.round((round * settings.total) / settings.rounds),
      Math.round(((round + 1) * settings.total) / settings.rounds),
    ];
    for (let round = 0; round < settings.rounds; round++) {
      const [from, to] = share(round);
      const order: Side[] = round % 2 === 0 ? ['loop', 'queue', 'enqueue only'] : ['enqueue only', 'queue', 'loop'];
      for (const side of order) {
        gcIfExposed();
        const measure = measures[side];
        if (side === 'loop') await rig.loop(loopItems.slice(from, to), measure);
        else if (side === 'queue') await rig.queued(numbers.slice(from, to), 'queue', measure);
        else await rig.queued(enqueueItems.slice(from, to), 'queue-enqueue', measure);
        log(`round ${round + 1}, ${side}: ${measure.rounds.at(-1)}`);
      }
    }
    const loop = measures.loop;
    const queued = measures.queue;
    const enqueueOnly = measures['enqueue only'];

    const pacedLoop = newMeasure();
    const pacedQueue = newMeasure();
    await rig.loop(pacedLoopItems, pacedLoop, false, settings.pacedRate);
    await rig.queued(pacedNumbers, 'paced-queue', pacedQueue, settings.pacedRate);
    log(`paced at ${settings.pacedRate}/s: loop ${pacedLoop.rounds.at(-1)}; queue ${pacedQueue.rounds.at(-1)}`);

    const counts = await api.app.get(QueueRegistry).get(QueueName.Sources).getJobCounts();
    const statuses = await rig.quoteStatuses();

    const loopRate = rate(loop);
    const queuedRate = rate(queued);
    const enqueueOnlyRate = rate(enqueueOnly);
    const latency = summarize(queued.latency);
    const pacedLatency = summarize(pacedQueue.latency);
    const pacedLoopLatency = summarize(pacedLoop.service);
    const p = (samples: readonly number[]): string => p50p99(summarize(samples));
    const burst = `${count(Math.round(settings.total / settings.rounds))} at once`;

    notes.push(
      `${name}: loop, ${loop.rounds.join('; ')}: ${loopRate.toFixed(1)} jobs/s in all; handler ${p(loop.service)}; ` +
        `${tripsPerJob(loop)}; ${describeCpu(loop)}`,
      `${name}: queue, ${queued.rounds.join('; ')}: ${queuedRate.toFixed(1)} jobs/s in all; the submissions alone ` +
        `took ${seconds(queued.enqueueMs)} (the loop's, prepared while no job ran: ${seconds(prepareMs)}); enqueue → ` +
        `handler start ${p(queued.waiting)}; handler ${p(queued.service)}; at most ${queued.maxInFlight} handlers at ` +
        `once; relay ${describeRelay(queued.relay)}; ${tripsPerJob(queued)}, submission ` +
        `included; ${describeCpu(queued)}`,
      `${name}: queue, enqueue only (claims prepared as for the loop, then one transaction per outbox insert, ` +
        `${submitters} at a time), ${enqueueOnly.rounds.join('; ')}: ${enqueueOnlyRate.toFixed(1)} jobs/s in all, ` +
        `${(enqueueOnlyRate / loopRate).toFixed(2)} of the loop's; enqueueing took ${seconds(enqueueOnly.enqueueMs)}; ` +
        `enqueue → result ${p(enqueueOnly.latency)}; handler ${p(enqueueOnly.service)}; relay ` +
        `${describeRelay(enqueueOnly.relay)}; ${tripsPerJob(enqueueOnly)}; ` +
        `${describeCpu(enqueueOnly)}`,
      `${name}: paced at ${settings.pacedRate}/s, ${pacedQueue.jobs} jobs each way: queue enqueue → handler start ` +
        `${p(pacedQueue.waiting)}, of which the submission (created_at → commit) ${p(pacedQueue.committing)} and ` +
        `commit → handler start (NOTIFY, relay, BullMQ, worker) ${p(pacedQueue.pickup)}; handler ` +
        `${p(pacedQueue.service)} (the loop's call → result is the handler alone); relay ` +
        `${describeRelay(pacedQueue.relay)}; ${tripsPerJob(pacedQueue)}`,
      `${name}: sources queue at the end: ${Object.entries(counts)
        .filter(([, value]) => value > 0)
        .map(([state, value]) => `${state} ${value}`)
        .join(', ')}; appearances by quote status: ${statuses}`,
    );

    const tag = `source.fetch [${name}]`;
    const rows: ResultRow[] = [
      {
        name: `${tag}: jobs/s, queue (submissions included) vs plain loop, ${concurrency} at a time`,
        value: queuedRate,
        baseline: loopRate,
        unit: 'jobs/s',
        target: { kind: 'at-least', value: ratioTarget[backend], of: 'ratio' },
      },
      {
        name: `${tag}: jobs/s, queue (enqueue only) vs plain loop`,
        value: enqueueOnlyRate,
        baseline: loopRate,
        unit: 'jobs/s',
      },
      { name: `${tag}: enqueue → result p50, ${burst}`, value: latency.p50, unit: 'ms' },
      { name: `${tag}: enqueue → result p99, ${burst}`, value: latency.p99, unit: 'ms' },
      {
        name: `${tag}: enqueue → result p50, paced at ${settings.pacedRate}/s (loop: call → result)`,
        value: pacedLatency.p50,
        baseline: pacedLoopLatency.p50,
        unit: 'ms',
      },
      {
        name: `${tag}: enqueue → result p99, paced at ${settings.pacedRate}/s (loop: call → result)`,
        value: pacedLatency.p99,
        baseline: pacedLoopLatency.p99,
        unit: 'ms',
      },
    ];
    if (memory !== undefined) {
      const window = memory.heapUsed.length >= 1000 ? 100 : Math.max(1, Math.floor(memory.heapUsed.length / 10));
      const first = mean(memory.heapUsed.slice(0, window));
      const last = mean(memory.heapUsed.slice(-window));
      const total = memory.heapUsed.length;
      notes.push(
        `${name}: memory loop, ${total} articles without a break (${rate(memoryLoop).toFixed(1)} jobs/s): heapUsed ` +
          `mean ${mib(first)} MiB over the first ${window}, ${mib(last)} MiB over the last ${window} ` +
          `(${signed(mib(last - first))} MiB, ${signed(((last / first - 1) * 100).toFixed(1))}%); per hundred: ` +
          `${hundreds(memory.heapUsed)} MiB; ${describeFullGcs(memory.afterFullGc)}; RSS ${mib(memory.rssBefore)} MiB ` +
          `before, mean ${mib(mean(memory.rss.slice(0, window)))} → ${mib(mean(memory.rss.slice(-window)))} MiB, ` +
          `peak ${mib(memory.peakRss)} MiB; peak RSS in the queued rounds ${mib(queued.peakRss)} MiB`,
      );
      rows.push(
        {
          name: `source.fetch, plain loop: heapUsed mean, articles ${count(total - window + 1)}–${count(total)} vs 1–${count(window)}`,
          value: last / 2 ** 20,
          baseline: first / 2 ** 20,
          unit: 'MiB',
          target: { kind: 'below', value: heapGrowthLimit, of: 'ratio' },
        },
        {
          name: `source.fetch, plain loop: peak RSS extracting ${count(total)} articles`,
          value: memory.peakRss / 2 ** 20,
          unit: 'MiB',
        },
      );
    }
    return { rows, notes };
  } finally {
    await poll.end();
    await api.close();
  }
}

/** The app's services, with the job handler and the relay instrumented. */
class Rig {
  private readonly claims: ClaimsService;
  private readonly checks: SourceCheckService;
  private readonly db: Database;
  private readonly outbox: JobOutbox;
  private readonly submitter: Principal;
  /** Epoch ms at which `fetchSource` started and ended, by source id. */
  private readonly handled = new Map<string, { start: number; end: number }>();
  private inFlight = 0;
  private maxInFlight = 0;
  private relay = { passes: 0, rows: 0, ms: 0 };
  /** Claim texts and speakers as the submit benchmark's: a newsroom's intake, some near duplicates. */
  private readonly generator = new ClaimGenerator({ seed: 20_260_101, claimants: 300, total: 10_000_000 });
  private claimIndex = 0;

  constructor(
    api: BenchApi,
    private readonly site: FixtureSite,
    private readonly poll: pg.Client,
    private readonly databaseUrl: string,
    private readonly trips: RoundTrips,
    private readonly timeoutMs: number,
  ) {
    this.claims = api.app.get(ClaimsService);
    this.checks = api.app.get(SourceCheckService);
    this.db = api.app.get(Database);
    this.outbox = api.app.get(JobOutbox);
    this.submitter = api.submitter;

    // The worker calls this same instance: the wrapper times the queued jobs' handlers too.
    const fetchSource = this.checks.fetchSource.bind(this.checks);
    this.checks.fetchSource = async (sourceId: string, run: JobRun): Promise<FetchOutcome> => {
      const start = Date.now();
      this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
      try {
        return await fetchSource(sourceId, run);
      } finally {
        this.inFlight--;
        this.handled.set(sourceId, { start, end: Date.now() });
      }
    };
    const relay = api.app.get(OutboxRelay);
    const relayBatch = relay.relayBatch.bind(relay);
    relay.relayBatch = async (): Promise<number> => {
      const start = performance.now();
      const moved = await relayBatch();
      this.relay.passes++;
      this.relay.rows += moved;
      this.relay.ms += performance.now() - start;
      return moved;
    };
  }

  private submission(n: number, via: string): ClaimSubmission {
    return {
      ...this.generator.submissionAt(this.claimIndex++),
      appearance: { url: this.site.url(`/articles/${n}?via=${via}`), quote: fixtureArticle(n).quote },
    };
  }

  /**
   * Submits claims citing the articles, each in a transaction that also
   * deletes its source's `source.fetch` outbox row: the row never commits,
   * and the sources wait, pending, for a caller of `fetchSource`.
   */
  async prepare(numbers: readonly number[], via: string): Promise<Item[]> {
    return mapConcurrently(numbers, submitters, (n) =>
      this.db.transaction(async () => {
        const view = await this.claims.submit(this.submitter, this.submission(n, via));
        const appearance = view.appearances[0]!;
        const [deleted] = await this.db.manager.query<{ count: number }[]>(
          `WITH deleted AS (DELETE FROM outbox_job WHERE name = 'source.fetch' AND data->>'sourceId' = $1 RETURNING 1)
           SELECT count(*)::int AS count FROM deleted`,
          [appearance.sourceId],
        );
        if (deleted?.count !== 1) throw new Error(`no source.fetch outbox row for source ${appearance.sourceId}`);
        return { n, claimId: view.id, appearanceId: appearance.id, sourceId: appearance.sourceId };
      }),
    );
  }

  /**
   * The plain loop: `fetchSource` of each prepared source, {@link concurrency}
   * at a time, or each started at k / rate s when paced. With `sampleMemory`,
   * returns `process.memoryUsage()` after every article and the heap after
   * every full GC.
   */
  async loop(items: readonly Item[], measure: Measure, sampleMemory: true): Promise<Memory>;
  async loop(items: readonly Item[], measure: Measure, sampleMemory?: false, ratePerSecond?: number): Promise<void>;
  async loop(
    items: readonly Item[],
    measure: Measure,
    sampleMemory = false,
    ratePerSecond?: number,
  ): Promise<Memory | void> {
    const heapUsed: number[] = [];
    const rss: number[] = [];
    const rssBefore = process.memoryUsage.rss();
    let peakRss = rssBefore;
    const gcs = sampleMemory ? new v8.GCProfiler() : undefined;
    const trips = this.trips.snapshot();
    const before = await cpuSnapshot(this.databaseUrl);
    gcs?.start();
    const start = performance.now();
    const run = async (item: Item, due: number): Promise<void> => {
      expectSnapshot(await this.checks.fetchSource(item.sourceId, stubRun(`bench-loop.${item.sourceId}`)), item);
      const done = performance.now();
      measure.service.push(done - due);
      measure.sinceStart.push(done - start);
      if (sampleMemory) {
        const usage = process.memoryUsage();
        heapUsed.push(usage.heapUsed);
        rss.push(usage.rss);
        peakRss = Math.max(peakRss, usage.rss);
      }
    };
    if (ratePerSecond === undefined) {
      await mapConcurrently(items, concurrency, (item) => run(item, performance.now()));
    } else {
      await Promise.all(
        items.map(async (item, k) => {
          const due = start + (k * 1000) / ratePerSecond;
          await sleep(due - performance.now());
          await run(item, due);
        }),
      );
    }
    const elapsedMs = performance.now() - start;
    const after = await cpuSnapshot(this.databaseUrl);
    measure.jobs += items.length;
    measure.elapsedMs += elapsedMs;
    measure.cpu.push({ before, after });
    addInto(measure.trips, this.trips.since(trips, pollApplicationName));
    measure.peakRss = Math.max(measure.peakRss, peakRss);
    measure.rounds.push(`${items.length} jobs in ${seconds(elapsedMs)} (${rateOf(items.length, elapsedMs)})`);
    if (gcs === undefined) return;
    const afterFullGc = gcs
      .stop()
      .statistics.filter((gc) => gc.gcType === 'MarkSweepCompact')
      .map((gc) => gc.afterGC.heapStatistics.usedHeapSize);
    return { heapUsed, rss, peakRss, rssBefore, afterFullGc };
  }

  /**
   * Jobs through the queue. Article numbers: claims citing them go through
   * `ClaimsService.submit` ({@link submitters} at a time, or paced), which
   * queues each new source's fetch. Prepared items (claims already
   * submitted): `source.fetch` is written to the outbox now, as
   * `SourcesService` writes it, each in a transaction of its own. Then waits
   * until every quote is checked.
   */
  async queued(
    input: readonly number[] | readonly Item[],
    via: string,
    measure: Measure,
    ratePerSecond?: number,
  ): Promise<void> {
    this.maxInFlight = this.inFlight;
    this.relay = { passes: 0, rows: 0, ms: 0 };
    let peakRss = process.memoryUsage.rss();
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }, pollIntervalMs);
    try {
      const trips = this.trips.snapshot();
      const before = await cpuSnapshot(this.databaseUrl);
      const start = performance.now();
      const enqueue = async (entry: number | Item): Promise<Item> => {
        if (typeof entry === 'number') {
          const view = await this.claims.submit(this.submitter, this.submission(entry, via));
          const appearance = view.appearances[0]!;
          const committedAt = Date.now();
          return {
            n: entry,
            claimId: view.id,
            appearanceId: appearance.id,
            sourceId: appearance.sourceId,
            committedAt,
          };
        }
        const enqueuedAt = Date.now();
        await this.db.transaction(() =>
          this.outbox.enqueue({ name: 'source.fetch', data: { sourceId: entry.sourceId } }, { key: entry.sourceId }),
        );
        return { ...entry, enqueuedAt, committedAt: Date.now() };
      };
      const entries: readonly (number | Item)[] = input;
      const items =
        ratePerSecond === undefined
          ? await mapConcurrently(entries, submitters, enqueue)
          : await Promise.all(
              entries.map(async (entry, k) => {
                await sleep(start + (k * 1000) / ratePerSecond - performance.now());
                return enqueue(entry);
              }),
            );
      const enqueueMs = performance.now() - start;
      await this.waitChecked(items, () => {
        peakRss = Math.max(peakRss, process.memoryUsage.rss());
      });
      const after = await cpuSnapshot(this.databaseUrl);
      addInto(measure.trips, this.trips.since(trips, pollApplicationName));
      const checked = new Map((await this.checkedTimes(items)).map((row) => [row.appearanceId, row]));
      let first = Number.POSITIVE_INFINITY;
      let last = Number.NEGATIVE_INFINITY;
      for (const item of items) {
        const row = checked.get(item.appearanceId)!;
        const handled = this.handled.get(item.sourceId)!;
        const enqueuedAt = item.enqueuedAt ?? row.createdMs;
        first = Math.min(first, enqueuedAt);
        last = Math.max(last, row.checkedMs);
        measure.latency.push(row.checkedMs - enqueuedAt);
        measure.waiting.push(handled.start - enqueuedAt);
        measure.committing.push(item.committedAt! - enqueuedAt);
        measure.pickup.push(handled.start - item.committedAt!);
        measure.service.push(handled.end - handled.start);
      }
      const wallMs = last - first;
      measure.jobs += items.length;
      measure.elapsedMs += wallMs;
      measure.enqueueMs += enqueueMs;
      measure.cpu.push({ before, after });
      measure.relay.passes += this.relay.passes;
      measure.relay.rows += this.relay.rows;
      measure.relay.ms += this.relay.ms;
      measure.maxInFlight = Math.max(measure.maxInFlight, this.maxInFlight);
      measure.peakRss = Math.max(measure.peakRss, peakRss);
      const latency = summarize(measure.latency.slice(-items.length));
      measure.rounds.push(
        `${items.length} jobs in ${seconds(wallMs)} (${rateOf(items.length, wallMs)}; enqueueing ${seconds(enqueueMs)}; ` +
          `enqueue → result ${p50p99(latency)})`,
      );
    } finally {
      clearInterval(sampler);
    }
  }

  async quoteStatuses(): Promise<string> {
    const { rows } = await this.poll.query<{ status: string; count: number }>(
      `SELECT coalesce(q.status, 'none') AS status, count(*)::int AS count
         FROM appearances a LEFT JOIN quote_checks q ON q.appearance_id = a.id GROUP BY 1 ORDER BY 1`,
    );
    return rows.map((row) => `${row.status} ${row.count}`).join(', ');
  }

  /** Polls every {@link pollIntervalMs} until no appearance of `items` is pending. */
  private async waitChecked(items: readonly Item[], tick: () => void): Promise<void> {
    const ids = items.map((item) => item.appearanceId);
    const deadline = performance.now() + this.timeoutMs;
    for (;;) {
      const { rows } = await this.poll.query<{ pending: number }>(
        `SELECT count(*)::int AS pending FROM quote_checks WHERE appearance_id = ANY($1::uuid[]) AND status = 'pending'`,
        [ids],
      );
      const pending = rows[0]!.pending;
      if (pending === 0) return;
      if (performance.now() > deadline) {
        const { rows: sources } = await this.poll.query<{ state: string; count: number }>(
          `SELECT s.fetch_status || coalesce(' ' || s.fetch_error, '') AS state, count(*)::int AS count
             FROM appearances a JOIN sources s ON s.id = a.source_id WHERE a.id = ANY($1::uuid[]) GROUP BY 1`,
          [ids],
        );
        throw new Error(
          `${pending} of ${ids.length} quotes still pending after ${this.timeoutMs / 1000} s ` +
            `(BENCH_SOURCES_TIMEOUT_S); their sources: ${sources.map((row) => `${row.state} ${row.count}`).join(', ')}`,
        );
      }
      tick();
      await sleep(pollIntervalMs);
    }
  }

  private async checkedTimes(items: readonly Item[]): Promise<Checked[]> {
    const { rows } = await this.poll.query<Checked>(
      `SELECT q.appearance_id AS "appearanceId", q.source_id AS "sourceId", q.status,
              (extract(epoch FROM c.created_at) * 1000)::float8 AS "createdMs",
              (extract(epoch FROM q.checked_at) * 1000)::float8 AS "checkedMs"
         FROM quote_checks q JOIN claims c ON c.id = q.claim_id
        WHERE q.appearance_id = ANY($1::uuid[])`,
      [items.map((item) => item.appearanceId)],
    );
    const missed = rows.filter((row) => row.status !== 'found' || !this.handled.has(row.sourceId));
    if (rows.length !== items.length || missed.length > 0) {
      throw new Error(
        `expected ${items.length} quotes found by a handler run, got ${rows.length - missed.length}` +
          (missed[0] === undefined ? '' : ` (e.g. ${missed[0].status} for source ${missed[0].sourceId})`),
      );
    }
    return rows;
  }
}

function addInto(total: Map<string, number>, delta: ReadonlyMap<string, number>): void {
  for (const [key, value] of delta) total.set(key, (total.get(key) ?? 0) + value);
}

/** Per job: PostgreSQL statements by sending connection, and Redis commands when there was one per 20 jobs. */
function tripsPerJob(measure: Measure): string {
  return describeTrips(measure.trips, measure.jobs, 'job', measure.jobs / 20);
}

/** CPU time per job over the measure's spans, and the machine's load over them (time-weighted). */
function describeCpu(measure: Measure): string {
  const spans = measure.cpu.map(({ before, after }) => ({
    load: machineLoadBetween(before, after),
    seconds: (after.at - before.at) / 1000,
  }));
  const totalSeconds = spans.reduce((sum, span) => sum + span.seconds, 0);
  const coreSeconds = (field: keyof MachineLoad): number =>
    spans.reduce((sum, span) => sum + span.load[field] * span.seconds, 0);
  const perJob = (field: keyof MachineLoad): string =>
    ((coreSeconds(field) * 1000) / Math.max(1, measure.jobs)).toFixed(2);
  const average = Object.fromEntries(
    (['machineBusy', 'thisProcess', 'mainThread', 'postgres', 'database', 'others'] as const).map((field) => [
      field,
      coreSeconds(field) / Math.max(0.001, totalSeconds),
    ]),
  ) as Pick<MachineLoad, 'machineBusy' | 'thisProcess' | 'mainThread' | 'postgres' | 'database' | 'others'>;
  const last = spans.at(-1)?.load;
  const machine = describeLoad({
    cores: last?.cores ?? 0,
    loadAverage: last?.loadAverage ?? Number.NaN,
    ...average,
  });
  return (
    `CPU per job ${perJob('mainThread')} ms in the main thread, ${perJob('thisProcess')} ms in this process, ` +
    `${perJob('database')} ms in PostgreSQL for this database; machine: ${machine}`
  );
}

function describeRelay(relay: { passes: number; rows: number; ms: number }): string {
  return `${relay.passes} passes for ${relay.rows} rows, ${seconds(relay.ms)} in passes`;
}

function describeFullGcs(afterFullGc: readonly number[]): string {
  if (afterFullGc.length === 0) return 'no full GC ran during the loop';
  return `${afterFullGc.length} full GC(s) ran during the loop, heap used after each: ${afterFullGc.map(mib).join(', ')} MiB`;
}

function stubRun(id: string): JobRun {
  return { id, attempt: 1, finalAttempt: true, progress: async () => undefined };
}

function expectSnapshot(outcome: FetchOutcome, item: Item): void {
  if (outcome.outcome !== 'snapshot' || outcome.quotesChecked !== 1) {
    throw new Error(`article ${item.n}: expected a snapshot and one quote checked, got ${JSON.stringify(outcome)}`);
  }
}

function gcIfExposed(): void {
  exposedGc?.();
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
}

/** Means of each hundred samples, in MiB. */
function hundreds(values: readonly number[]): string {
  const means: string[] = [];
  for (let from = 0; from < values.length; from += 100) means.push(mib(mean(values.slice(from, from + 100))));
  return means.join(' / ');
}

function rateOf(jobs: number, ms: number): string {
  return `${((jobs * 1000) / ms).toFixed(1)} jobs/s`;
}

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function signed(value: string): string {
  return value.startsWith('-') ? value : `+${value}`;
}
