import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { AccountsService, type Principal } from '@claimdesk/accounts';
import { type ClaimSubmission, ClaimsService } from '@claimdesk/claims';
import { type OutboxJob, OutboxRelay, OutboxRepository, QueueName, QueueRegistry } from '@claimdesk/queue';
import { type ConsensusOutcome, type Rating, ReviewsService } from '@claimdesk/reviews';
import { type BackendReport, type BackendTurn, onQueueBackends, type QueueBackend, queueBackends } from './backends';
import { type BenchApi, startBenchApi } from './bench-app';
import { runIfNoAutovacuum, withClient } from './bench-database';
import { envInt } from './bench-env';
import { mapConcurrently, sleep } from './concurrency';
import { ClaimGenerator } from './generate-claims';
import { cpuSnapshot, describeLoad, machineLoadBetween } from './machine-load';
import type { BenchReport, ResultRow } from './results';
import { describeTrips, type RoundTrips, withRoundTrips } from './round-trips';
import { formatMs, type LatencySummary, p50p99, seconds, summarize } from './stats';

/**
 * Verdict → `awaiting_approval`: the deciding (second agreeing) verdict's
 * `giveVerdict` commits the verdict with a `claim.evaluate` outbox row; the
 * outbox trigger NOTIFYs the relay, which hands the row to BullMQ (queue
 * `reviews`); the reviews worker runs `evaluateConsensus`, whose transaction
 * moves the claim to `awaiting_approval` and records the
 * `claim.status_changed` (consensus) event. On BullMQ's PostgreSQL backend,
 * then (when REDIS_URL is set) on Redis, each with a bench database and app
 * (API and workers) of its own.
 *
 * Preparation, untimed, through the services in this process: claims
 * submitted, triaged to `in_review` by an editor, and given the first
 * reviewer's verdict, whose `claim.evaluate` job is left to run (outcome
 * `waiting`). Then the second reviewer's agreeing verdicts: a warm-up, the
 * paced phase (one verdict every 1/rate s, open loop: latency, not a
 * backlog) and a burst (all at once, no target).
 *
 * Measured per claim:
 * - JS side (the target row): from `giveVerdict` resolving (its transaction
 *   has committed) to the claim observed in `awaiting_approval` by a LISTEN
 *   client. The bench adds, to its own database only, a trigger that NOTIFYs
 *   the claim id when a claim's status becomes `awaiting_approval`: the
 *   notification is delivered when the job's transaction commits, so the
 *   observer neither polls nor misses by a polling interval.
 * - DB side: the consensus event's `at` (`clock_timestamp()` at its insert,
 *   just before the job's commit) minus the deciding verdict's `updated_at`
 *   (`now()`: its transaction's START, so this includes the verdict's own
 *   transaction and leaves out the job's commit). The `verdict.given` event's
 *   `at` (`clock_timestamp()`, late in the verdict's transaction) is given in
 *   the notes as the closest commit time the database records
 *   (`track_commit_timestamp` is off).
 * - The way there, from in-process wrappers (the relay and the worker call
 *   the same instances): commit → relay pass start (NOTIFY, wake-up, a pass
 *   already running) → row locked (`lockDue`) → added to BullMQ (`add`/`addBulk`) → job
 *   handler start (BullMQ to the worker) → handler end (the job's
 *   transaction, commit included) → observed.
 */
export async function consensusBench(): Promise<BenchReport> {
  const settings: Settings = {
    claims: envInt('BENCH_CONSENSUS_CLAIMS', 500),
    rate: envInt('BENCH_CONSENSUS_RATE', 20),
    warmup: envInt('BENCH_CONSENSUS_WARMUP', 60),
    timeoutMs: envInt('BENCH_CONSENSUS_TIMEOUT_S', 60) * 1000,
  };
  const backends = queueBackends();
  const rows: ResultRow[] = [];
  const notes: string[] = [
    `per backend ${settings.claims} claims paced at ${settings.rate}/s (BENCH_CONSENSUS_CLAIMS, ` +
      `BENCH_CONSENSUS_RATE; each deciding verdict started at k / rate s whatever the others do) after a warm-up ` +
      `of ${settings.warmup}, then ${settings.claims} more at once; claims prepared untimed (submitted, triaged to ` +
      `in_review by an editor, first reviewer's verdict and its claim.evaluate job, outcome waiting), ` +
      `${preparers} at a time; both verdicts rate the claim '${rating}'; API and workers (reviews worker concurrency ` +
      `8) in this process; CONSENSUS_MIN_VERDICTS at its default`,
    'target rows: "commit → observed" (JS side, one clock): from giveVerdict resolving, i.e. its transaction ' +
      'committed, to the claim seen in awaiting_approval by a LISTEN client (a trigger the bench adds to its own ' +
      'database NOTIFYs when a claim enters awaiting_approval, delivered at the job transaction\'s commit). The "DB" ' +
      "rows are consensus event.at (clock_timestamp(), before the job's commit) − the verdict's updated_at (now(), " +
      "the verdict transaction's START): they include the verdict's own transaction and leave out the job's commit, " +
      'so they are a cross-check, not the target',
  ];
  await withRoundTrips(async (trips) => {
    const report = await onQueueBackends(backends, { bench: 'consensus', databaseLabel: 'consensus' }, (turn) =>
      runOnBackend(turn, settings, trips),
    );
    rows.push(...report.rows);
    notes.push(...report.notes);
  });
  return { rows, notes: notes.map((note) => `consensus: ${note}`) };
}

interface Settings {
  claims: number;
  rate: number;
  warmup: number;
  timeoutMs: number;
}

/** The issue's targets for the paced p99, ms. */
const p99Target: Record<QueueBackend, number> = { postgresql: 500, redis: 250 };
/** Claims prepared at a time. */
const preparers = 8;
const rating: Rating = 'false';
const notifyChannel = 'claimdesk_bench_consensus';
const waitTickMs = 5;
const listenerName = 'claimdesk-bench-listen';

/** Epoch ms with sub-millisecond resolution, comparable with the database's timestamps (same machine). */
function clock(): number {
  return performance.timeOrigin + performance.now();
}

/** One claim's way from the deciding verdict to awaiting_approval; epoch ms. */
interface Trace {
  calledAt?: number;
  committedAt?: number;
  passStart?: number;
  lockedAt?: number;
  addedAt?: number;
  handlerStart?: number;
  handlerEnd?: number;
  outcome?: string;
  runs: number;
  observedAt?: number;
}

/** What the database recorded for a claim's deciding verdict and consensus. */
interface Recorded {
  claimId: string;
  status: string;
  verdictUpdatedMs: number;
  verdictEventMs: number;
  consensusMs: number | null;
  consensusEvents: number;
  claimUpdatedMs: number;
}

interface PhaseResult {
  label: string;
  /** The target's measure: commit → observed (LISTEN), ms. */
  observed: LatencySummary;
  /** consensus event.at − verdict updated_at, ms. */
  db: LatencySummary;
  notes: string[];
}

async function runOnBackend(
  { backend, name, log, database }: BackendTurn,
  settings: Settings,
  trips: RoundTrips,
): Promise<BackendReport> {
  const notes: string[] = [];
  await installObserverTrigger(database.url);
  const api = await startBenchApi(database.url, { queueBackend: backend });
  const listener = new pg.Client({ connectionString: database.url, application_name: listenerName });
  await listener.connect();
  try {
    const rig = await Rig.start(api, listener, database.url, trips, settings.timeoutMs);
    const total = settings.warmup + 2 * settings.claims;
    const started = clock();
    const prepared = await rig.prepare(total);
    log(
      `prepared ${total} claims in ${seconds(clock() - started)} (submitted, triaged, first verdict, ` +
        `evaluate jobs done)`,
    );
    await rig.settle(total);
    if (await runIfNoAutovacuum(database.url, 'VACUUM ANALYZE')) {
      notes.push(
        `${name}: autovacuum is off on this server: VACUUM ANALYZE ran after the preparation (the outbox and ` +
          `BullMQ's tables churn)`,
      );
    }
    const warm = prepared.slice(0, settings.warmup);
    const paced = prepared.slice(settings.warmup, settings.warmup + settings.claims);
    const burst = prepared.slice(settings.warmup + settings.claims);

    await rig.decide(warm, 'warm-up', settings.rate);
    await rig.settle(total + warm.length);
    const pacedResult = await rig.decide(paced, `paced at ${settings.rate}/s`, settings.rate);
    log(`paced: commit → observed ${p50p99(pacedResult.observed)}`);
    await rig.settle(total + warm.length + paced.length);
    const burstResult = await rig.decide(burst, `${burst.length} at once`);
    log(`burst: commit → observed ${p50p99(burstResult.observed)}`);
    notes.push(...pacedResult.notes.map((note) => `${name}: ${note}`));
    notes.push(...burstResult.notes.map((note) => `${name}: ${note}`));
    notes.push(`${name}: ${await rig.queueState()}`);

    const tag = `verdict → awaiting_approval [${name}]`;
    const rows: ResultRow[] = [
      { name: `${tag}: commit → observed p50, ${pacedResult.label}`, value: pacedResult.observed.p50, unit: 'ms' },
      {
        name: `${tag}: commit → observed p99, ${pacedResult.label}`,
        value: pacedResult.observed.p99,
        unit: 'ms',
        target: { kind: 'below', value: p99Target[backend], of: 'value' },
      },
      {
        name: `${tag}: DB verdict updated_at → event at p50, ${pacedResult.label}`,
        value: pacedResult.db.p50,
        unit: 'ms',
      },
      {
        name: `${tag}: DB verdict updated_at → event at p99, ${pacedResult.label}`,
        value: pacedResult.db.p99,
        unit: 'ms',
      },
      { name: `${tag}: commit → observed p50, ${burstResult.label}`, value: burstResult.observed.p50, unit: 'ms' },
      { name: `${tag}: commit → observed p99, ${burstResult.label}`, value: burstResult.observed.p99, unit: 'ms' },
    ];
    return { rows, notes };
  } finally {
    await listener.end().catch(() => undefined);
    await api.close();
  }
}

/**
 * The observer: NOTIFY with the claim id when a claim enters
 * awaiting_approval, delivered when that transaction commits. Added to the
 * bench's own database only, before the app starts.
 */
async function installObserverTrigger(databaseUrl: string): Promise<void> {
  await withClient(databaseUrl, async (client) => {
    await client.query(`
      CREATE FUNCTION bench_consensus_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${notifyChannel}', NEW.id::text);
        RETURN NULL;
      END $$`);
    await client.query(`
      CREATE TRIGGER bench_consensus_notify AFTER UPDATE OF status ON claims FOR EACH ROW
        WHEN (NEW.status = 'awaiting_approval' AND OLD.status IS DISTINCT FROM NEW.status)
        EXECUTE FUNCTION bench_consensus_notify()`);
  });
}

/** The app's services, with the relay, the reviews queue and the job handler instrumented. */
class Rig {
  private readonly traces = new Map<string, Trace>();
  /** The latest outcome of `evaluateConsensus` per claim, whatever the phase. */
  private readonly outcomes = new Map<string, string>();
  private failures = 0;
  private passStart = 0;
  private relay = { passes: 0, rows: 0, ms: 0, evaluateRows: 0, largest: 0 };
  private readonly generator = new ClaimGenerator({ seed: 20_260_202, claimants: 300, total: 10_000_000 });
  private claimIndex = 0;

  private constructor(
    private readonly api: BenchApi,
    private readonly databaseUrl: string,
    private readonly trips: RoundTrips,
    private readonly timeoutMs: number,
    private readonly claims: ClaimsService,
    private readonly reviews: ReviewsService,
    private readonly editor: Principal,
    private readonly first: Principal,
    private readonly second: Principal,
  ) {}

  static async start(
    api: BenchApi,
    listener: pg.Client,
    databaseUrl: string,
    trips: RoundTrips,
    timeoutMs: number,
  ): Promise<Rig> {
    const accounts = api.app.get(AccountsService);
    const user = async (role: 'editor' | 'reviewer', label: string): Promise<Principal> => {
      const created = await accounts.createUser({
        email: `bench-${label}-${Math.random().toString(36).slice(2, 10)}@example.org`,
        name: `Bench ${label}`,
        role,
        password: 'correct horse battery',
      });
      return { userId: created.id, name: created.name, email: created.email, role: created.role };
    };
    const rig = new Rig(
      api,
      databaseUrl,
      trips,
      timeoutMs,
      api.app.get(ClaimsService),
      api.app.get(ReviewsService),
      await user('editor', 'editor'),
      await user('reviewer', 'reviewer-1'),
      await user('reviewer', 'reviewer-2'),
    );
    rig.instrument();
    listener.on('notification', (message) => {
      if (message.channel !== notifyChannel || message.payload === undefined) return;
      const trace = rig.traces.get(message.payload);
      if (trace !== undefined) trace.observedAt ??= clock();
    });
    await listener.query(`LISTEN ${notifyChannel}`);
    return rig;
  }

  private trace(claimId: string): Trace | undefined {
    return this.traces.get(claimId);
  }

  /** Wraps the instances the relay and the worker call. */
  private instrument(): void {
    const app = this.api.app;
    const reviews = this.reviews;
    const evaluate = reviews.evaluateConsensus.bind(reviews);
    reviews.evaluateConsensus = async (claimId: string): Promise<ConsensusOutcome> => {
      const start = clock();
      const trace = this.trace(claimId);
      if (trace !== undefined) {
        trace.handlerStart ??= start;
        trace.runs++;
      }
      try {
        const outcome = await evaluate(claimId);
        if (trace !== undefined) {
          trace.handlerEnd = clock();
          trace.outcome = outcome.outcome;
        }
        this.outcomes.set(claimId, outcome.outcome);
        return outcome;
      } catch (error) {
        this.failures++;
        this.outcomes.set(claimId, `failed: ${(error as Error).message}`);
        throw error;
      }
    };

    const relay = app.get(OutboxRelay);
    const relayBatch = relay.relayBatch.bind(relay);
    relay.relayBatch = async (): Promise<number> => {
      const start = clock();
      this.passStart = start;
      try {
        const moved = await relayBatch();
        this.relay.passes++;
        this.relay.rows += moved;
        this.relay.largest = Math.max(this.relay.largest, moved);
        return moved;
      } finally {
        this.relay.ms += clock() - start;
      }
    };

    const outbox = app.get(OutboxRepository);
    const lockDue = outbox.lockDue.bind(outbox);
    outbox.lockDue = async (limit: number): Promise<OutboxJob[]> => {
      const rows = await lockDue(limit);
      const at = clock();
      for (const row of rows) {
        if (row.name !== 'claim.evaluate') continue;
        const claimId = String(row.data.claimId);
        this.relay.evaluateRows++;
        const trace = this.trace(claimId);
        if (trace === undefined) continue;
        trace.passStart ??= this.passStart;
        trace.lockedAt ??= at;
      }
      return rows;
    };

    // The relay hands a lone job to add(), several to addBulk(): both are timed.
    const queue = app.get(QueueRegistry).get(QueueName.Reviews) as unknown as {
      addBulk: (jobs: { data: Record<string, unknown> }[]) => Promise<unknown>;
      add: (name: string, data: Record<string, unknown>, opts?: unknown) => Promise<unknown>;
    };
    const markAdded = (jobs: readonly { data: Record<string, unknown> }[]): void => {
      const at = clock();
      for (const job of jobs) {
        const trace = this.trace(String(job.data.claimId));
        if (trace !== undefined) trace.addedAt ??= at;
      }
    };
    const addBulk = queue.addBulk.bind(queue);
    queue.addBulk = async (jobs) => {
      const added = await addBulk(jobs);
      markAdded(jobs);
      return added;
    };
    const add = queue.add.bind(queue);
    queue.add = async (name, data, opts) => {
      const added = await add(name, data, opts);
      markAdded([{ data }]);
      return added;
    };
  }

  private submission(): ClaimSubmission {
    return this.generator.submissionAt(this.claimIndex++);
  }

  /**
   * Claims in review with the first reviewer's verdict, {@link preparers} at
   * a time; resolves once every one's `claim.evaluate` job has run (outcome
   * `waiting`).
   */
  async prepare(count: number): Promise<string[]> {
    const ids = await mapConcurrently(
      Array.from({ length: count }, (_, i) => i),
      preparers,
      async () => {
        const view = await this.claims.submit(this.api.submitter, this.submission());
        await this.reviews.transition(this.editor, view.id, { to: 'in_review' }, undefined);
        await this.reviews.giveVerdict(this.first, view.id, { rating, rationale: 'First reading: false.' });
        return view.id;
      },
    );
    await this.waitUntil(
      () => ids.filter((id) => this.outcomes.get(id) !== 'waiting').length,
      (missing) => {
        const seen = new Map<string, number>();
        for (const id of ids) {
          const outcome = this.outcomes.get(id) ?? 'not run';
          seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
        }
        return `${missing} of ${ids.length} first-verdict evaluate jobs not done with outcome waiting (${[...seen]
          .map(([outcome, n]) => `${outcome} ${n}`)
          .join(', ')})`;
      },
    );
    return ids;
  }

  /**
   * The deciding verdicts: one every 1/rate s (open loop) when paced, else
   * all at once; waits until every claim is observed in awaiting_approval.
   */
  async decide(claimIds: readonly string[], label: string, ratePerSecond?: number): Promise<PhaseResult> {
    this.traces.clear();
    for (const id of claimIds) this.traces.set(id, { runs: 0 });
    this.relay = { passes: 0, rows: 0, ms: 0, evaluateRows: 0, largest: 0 };
    const failuresBefore = this.failures;
    const before = await cpuSnapshot(this.databaseUrl);
    const tripsBefore = this.trips.snapshot();
    const start = performance.now();
    let inFlight = 0;
    let maxInFlight = 0;
    const give = async (claimId: string): Promise<void> => {
      const trace = this.traces.get(claimId)!;
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      trace.calledAt = clock();
      await this.reviews.giveVerdict(this.second, claimId, { rating, rationale: 'Second reading: false too.' });
      trace.committedAt = clock();
      inFlight--;
    };
    await Promise.all(
      claimIds.map(async (claimId, k) => {
        if (ratePerSecond !== undefined) await sleep(start + (k * 1000) / ratePerSecond - performance.now());
        await give(claimId);
      }),
    );
    const verdictsMs = performance.now() - start;
    const traces = claimIds.map((id) => this.traces.get(id)!);
    await this.waitUntil(
      () => traces.filter((trace) => trace.observedAt === undefined || trace.handlerEnd === undefined).length,
      (missing) =>
        `${missing} of ${claimIds.length} claims not observed in awaiting_approval (outcomes: ${describeCounts(
          traces.map((trace) => trace.outcome ?? 'no run'),
        )})`,
    );
    const drainMs = performance.now() - start;
    const statements = describeTrips(this.trips.since(tripsBefore, listenerName), claimIds.length, 'claim');
    const after = await cpuSnapshot(this.databaseUrl);
    const recorded = await this.recorded(claimIds);
    const wrong = recorded.filter(
      (row) => row.status !== 'awaiting_approval' || row.consensusEvents !== 1 || row.consensusMs === null,
    );
    if (recorded.length !== claimIds.length || wrong.length > 0) {
      throw new Error(
        `${label}: expected ${claimIds.length} claims in awaiting_approval with one consensus event each, got ` +
          `${recorded.length - wrong.length}` +
          (wrong[0] === undefined
            ? ''
            : ` (e.g. ${wrong[0].claimId}: ${wrong[0].status}, ${wrong[0].consensusEvents} consensus events)`),
      );
    }
    const notConsensus = traces.filter((trace) => trace.outcome !== 'consensus').length;
    if (notConsensus > 0) throw new Error(`${label}: ${notConsensus} evaluate jobs ended other than in consensus`);

    const byId = new Map(recorded.map((row) => [row.claimId, row]));
    const dump = process.env.BENCH_CONSENSUS_TRACES;
    if (dump !== undefined && dump !== '') {
      fs.mkdirSync(dump, { recursive: true });
      const file = path.join(dump, `${this.api.queueBackend}-${label.replace(/[^a-z0-9]+/gi, '-')}.json`);
      fs.writeFileSync(file, JSON.stringify(claimIds.map((id) => ({ id, ...this.traces.get(id), ...byId.get(id) }))));
    }
    const series = (measure: (trace: Required<Trace>, row: Recorded) => number): LatencySummary =>
      summarize(claimIds.map((id) => measure(this.traces.get(id) as Required<Trace>, byId.get(id)!)));
    const observed = series((t) => t.observedAt - t.committedAt);
    const db = series((t, row) => row.consensusMs! - row.verdictUpdatedMs);
    const dbEvents = series((t, row) => row.consensusMs! - row.verdictEventMs);
    const claimUpdated = series((t, row) => row.claimUpdatedMs - row.verdictUpdatedMs);
    const hybrid = series((t, row) => row.consensusMs! - t.committedAt);
    const verdictCall = series((t) => t.committedAt - t.calledAt);
    const verdictTx = series((t, row) => t.committedAt - row.verdictUpdatedMs);
    const jobCommitted = series((t) => t.handlerEnd - t.committedAt);
    // The verdict event is written before the commit: later than giveVerdict resolving means the clocks disagree.
    const clockCheck = recorded.filter((row) => row.verdictEventMs > this.traces.get(row.claimId)!.committedAt!).length;
    const retried = traces.filter((trace) => trace.runs > 1).length;
    const load = machineLoadBetween(before, after);
    const stages: [string, (trace: Required<Trace>) => number][] = [
      ['commit → relay pass start (NOTIFY, wake-up, a pass already running)', (t) => t.passStart - t.committedAt],
      ['pass start → row locked (lockDue)', (t) => t.lockedAt - t.passStart],
      ['locked → added to BullMQ', (t) => t.addedAt - t.lockedAt],
      ['added → worker handler start', (t) => t.handlerStart - t.addedAt],
      ['handler start → end (the job transaction, commit included)', (t) => t.handlerEnd - t.handlerStart],
      ['handler end → observed (LISTEN delivery)', (t) => t.observedAt - t.handlerEnd],
    ];
    const parts = stages.map(([stage, measure]): [string, LatencySummary] => [stage, series(measure)]);
    // The slowest 1%: where their time went, and whether the verdict's own call (outside the measure) was slow too.
    const all = traces as Required<Trace>[];
    const slowest = [...all]
      .sort((a, b) => b.observedAt - b.committedAt - (a.observedAt - a.committedAt))
      .slice(0, Math.max(1, Math.ceil(all.length / 100)));
    const mean = (values: readonly number[]): string =>
      formatMs(values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length));
    const firstCall = Math.min(...all.map((t) => t.calledAt));
    const tail =
      `slowest ${slowest.length} (1%), mean ${mean(slowest.map((t) => t.observedAt - t.committedAt))} ms: ` +
      stages.map(([stage, measure]) => `${stage.split(' (')[0]} ${mean(slowest.map(measure))}`).join(', ') +
      ` ms; their giveVerdict call ${mean(slowest.map((t) => t.committedAt - t.calledAt))} ms (all: p50 ` +
      `${formatMs(verdictCall.p50)} ms); sent at ${slowest
        .map((t) => ((t.calledAt - firstCall) / 1000).toFixed(1))
        .sort((a, b) => Number(a) - Number(b))
        .join(', ')} s into the phase`;
    const notes = [
      `${label}: ${claimIds.length} deciding verdicts in ${seconds(verdictsMs)}, all observed after ` +
        `${seconds(drainMs)} (${((claimIds.length * 1000) / drainMs).toFixed(1)} claims/s); at most ${maxInFlight} ` +
        `verdicts in flight; giveVerdict call → resolved ${p50p99(verdictCall)}, verdict updated_at (transaction ` +
        `start) → resolved ${p50p99(verdictTx)}; commit → observed ${p50p99(observed)} (mean ` +
        `${formatMs(observed.mean)}, max ${formatMs(observed.max)}); commit → job transaction done (in process) ` +
        `${p50p99(jobCommitted)}; DB: verdict updated_at → consensus event at ${p50p99(db)}, verdict.given event at ` +
        `→ consensus event at ${p50p99(dbEvents)}, ` +
        `verdict updated_at → claims.updated_at ${p50p99(claimUpdated)} (the job transaction's start); commit (JS) → ` +
        `consensus event at (DB) ${p50p99(hybrid)}` +
        (clockCheck > 0 ? `; ${clockCheck} verdict events dated after giveVerdict resolved (clocks disagree?)` : ''),
      `${label}, the way there: ${parts.map(([part, summary]) => `${part} ${p50p99(summary)}`).join('; ')}; relay ` +
        `${this.relay.passes} passes for ${this.relay.rows} rows (${this.relay.evaluateRows} claim.evaluate), at most ` +
        `${this.relay.largest} in one, ${seconds(this.relay.ms)} in passes; evaluate jobs run more than once ` +
        `${retried}, handler failures ${this.failures - failuresBefore}; ${statements}, deciding verdict included; machine: ` +
        describeLoad(load),
      `${label}, ${tail}`,
    ];
    return { label, observed, db, notes };
  }

  private async recorded(claimIds: readonly string[]): Promise<Recorded[]> {
    return withClient(this.databaseUrl, async (client) => {
      const { rows } = await client.query<Recorded>(
        `SELECT c.id AS "claimId", c.status,
                (extract(epoch FROM c.updated_at) * 1000)::float8 AS "claimUpdatedMs",
                (extract(epoch FROM v.updated_at) * 1000)::float8 AS "verdictUpdatedMs",
                (SELECT (extract(epoch FROM max(e.at)) * 1000)::float8 FROM events e
                  WHERE e.claim_id = c.id AND e.action = 'verdict.given' AND e.actor_id = $2) AS "verdictEventMs",
                (SELECT (extract(epoch FROM min(e.at)) * 1000)::float8 FROM events e
                  WHERE e.claim_id = c.id AND e.action = 'claim.status_changed' AND e.to_status = 'awaiting_approval'
                    AND e.data->>'transition' = 'consensus') AS "consensusMs",
                (SELECT count(*)::int FROM events e
                  WHERE e.claim_id = c.id AND e.action = 'claim.status_changed' AND e.to_status = 'awaiting_approval'
                    AND e.data->>'transition' = 'consensus') AS "consensusEvents"
           FROM claims c JOIN verdicts v ON v.claim_id = c.id AND v.reviewer_id = $2
          WHERE c.id = ANY($1::uuid[])`,
        [claimIds, this.second.userId],
      );
      return rows;
    });
  }

  /**
   * Waits until BullMQ has finished the `completed` reviews jobs expected so
   * far (a handler's outcome is known before BullMQ records the job complete)
   * and nothing else is queued, so that a phase does not start on the
   * previous one's leftovers.
   */
  async settle(completed: number): Promise<void> {
    const queue = this.api.app.get(QueueRegistry).get(QueueName.Reviews);
    let counts: Record<string, number> = {};
    await this.waitUntilAsync(
      async () => {
        counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
        const busy = (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0);
        return busy + Math.max(0, completed - (counts.completed ?? 0));
      },
      () =>
        `the reviews queue did not settle at ${completed} completed jobs (${Object.entries(counts)
          .map(([state, n]) => `${state} ${n}`)
          .join(', ')})`,
      50,
    );
  }

  /** The reviews queue's job counts and the outbox's rows, at the end. */
  async queueState(): Promise<string> {
    const queue = this.api.app.get(QueueRegistry).get(QueueName.Reviews);
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
    const outbox = await withClient(this.databaseUrl, async (client) => {
      const { rows } = await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM outbox_job`);
      return rows[0]!.count;
    });
    return `reviews queue at the end: ${Object.entries(counts)
      .map(([state, n]) => `${state} ${n}`)
      .join(', ')}; outbox rows left ${outbox}`;
  }

  /** Checks `missing()` every `tickMs` until it is 0, or fails after the timeout. */
  private async waitUntilAsync(
    missing: () => Promise<number>,
    describe: (missing: number) => string,
    tickMs: number,
  ): Promise<void> {
    const deadline = performance.now() + this.timeoutMs;
    for (;;) {
      const left = await missing();
      if (left === 0) return;
      if (performance.now() > deadline) {
        throw new Error(`${describe(left)} after ${this.timeoutMs / 1000} s (BENCH_CONSENSUS_TIMEOUT_S)`);
      }
      await sleep(tickMs);
    }
  }

  /** Checks `missing()` every {@link waitTickMs} until it is 0, or fails after the timeout. */
  private async waitUntil(missing: () => number, describe: (missing: number) => string): Promise<void> {
    const deadline = performance.now() + this.timeoutMs;
    for (;;) {
      const left = missing();
      if (left === 0) return;
      if (performance.now() > deadline) {
        throw new Error(`${describe(left)} after ${this.timeoutMs / 1000} s (BENCH_CONSENSUS_TIMEOUT_S)`);
      }
      await sleep(waitTickMs);
    }
  }
}

function describeCounts(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, n]) => `${value} ${n}`).join(', ');
}
