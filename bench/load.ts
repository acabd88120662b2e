import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { type Inspection, inspect, type LoadRequest, requestFactory, type Scenario } from './load-scenarios';
import { type LatencySummary, summarize } from './stats';

export interface LoadOptions {
  /** Port on 127.0.0.1. */
  port: number;
  scenario: Scenario;
  /** Concurrent keep-alive connections, each with one request in flight at a time. */
  connections: number;
  /** The measured part: a fixed duration, or a fixed number of requests. */
  durationMs?: number;
  requests?: number;
  /** Sent first and not measured: connections opened, caches and JIT warmed. */
  warmupMs?: number;
  warmupRequests?: number;
  /**
   * Paced (open-loop) instead of closed-loop: this many requests a second, at most `connections` at a
   * time on the wire (the rest wait for a connection, and that wait counts in their latency).
   */
  ratePerSecond?: number;
  /** Status every response should have; any other counts as an error. */
  expectStatus: number;
  inspection?: Inspection;
}

export interface LoadResult {
  /** Completed measured requests (errors included). */
  requests: number;
  errors: number;
  /** The first unexpected response or failure, for the report. */
  firstError?: string;
  statuses: Record<string, number>;
  outcomes: Record<string, number>;
  elapsedMs: number;
  requestsPerSecond: number;
  latency: LatencySummary;
  /** Every measured latency in ms, to combine runs. */
  latencies: number[];
  /** The five slowest requests, slowest first. */
  slowest: { ms: number; request: string }[];
}

interface WorkerMessage {
  type: 'measuring' | 'done' | 'failed';
  result?: LoadResult;
  error?: string;
}

/**
 * Runs a load in a worker thread, so the client never waits on the event loop
 * of a server in this process (and the other way round). `onMeasuring` is
 * called when the warm-up is over and the measured part begins.
 */
export function runLoad(options: LoadOptions, onMeasuring?: () => void): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'load-worker.js'), { workerData: options });
    let settled = false;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'measuring') onMeasuring?.();
      else if (message.type === 'done' && message.result !== undefined) {
        settled = true;
        resolve(message.result);
      } else if (message.type === 'failed') {
        settled = true;
        reject(new Error(message.error));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`load worker exited with code ${code} before reporting`));
    });
  });
}

/** The client side of {@link runLoad}; runs in the worker thread. */
export async function drive(options: LoadOptions, onMeasuring: () => void): Promise<LoadResult> {
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: options.connections,
    maxFreeSockets: options.connections,
    scheduling: 'fifo',
  });
  const next = requestFactory(options.scenario);
  const inspection = options.inspection ?? 'none';
  let counter = 0;
  try {
    if ((options.warmupMs ?? 0) > 0 || (options.warmupRequests ?? 0) > 0) {
      const until = performance.now() + (options.warmupMs ?? 0);
      const limit = options.warmupRequests ?? Number.POSITIVE_INFINITY;
      let sent = 0;
      await Promise.all(
        Array.from({ length: options.connections }, async () => {
          while ((options.warmupMs === undefined || performance.now() < until) && sent < limit) {
            sent++;
            await send(agent, options.port, next(counter++));
          }
        }),
      );
    }

    onMeasuring();
    const latencies: number[] = [];
    const statuses: Record<string, number> = {};
    const outcomes: Record<string, number> = {};
    let errors = 0;
    let firstError: string | undefined;
    let started = 0;
    const slowest: LoadResult['slowest'] = [];
    const begin = performance.now();
    const deadline = options.durationMs === undefined ? Number.POSITIVE_INFINITY : begin + options.durationMs;
    const limit = options.requests ?? Number.POSITIVE_INFINITY;
    /** Sends one request and records it; latency runs from `since` (its scheduled time when paced). */
    const exchange = async (request: LoadRequest, since: number): Promise<void> => {
      try {
        const response = await send(agent, options.port, request);
        const ms = performance.now() - since;
        latencies.push(ms);
        noteIfSlow(slowest, ms, request);
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        if (response.status !== options.expectStatus) {
          errors++;
          firstError ??= `${request.method} ${request.path} → ${response.status}: ${response.body.slice(0, 300)}`;
        } else {
          const outcome = inspect(inspection, response.body);
          if (outcome !== undefined) outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        }
      } catch (error) {
        latencies.push(performance.now() - since);
        errors++;
        statuses.failed = (statuses.failed ?? 0) + 1;
        firstError ??= `${request.method} ${request.path} failed: ${String(error)}`;
      }
    };
    if (options.ratePerSecond === undefined) {
      // Closed loop: each connection sends its next request when the previous one is answered.
      await Promise.all(
        Array.from({ length: options.connections }, async () => {
          while (started < limit && performance.now() < deadline) {
            started++;
            await exchange(next(counter++), performance.now());
          }
        }),
      );
    } else {
      // Open loop: requests leave on a fixed schedule whatever the answers do, and latency counts from the
      // scheduled time, so a slow answer cannot hide the queueing it causes (no coordinated omission).
      const interval = 1000 / options.ratePerSecond;
      const inFlight = new Set<Promise<void>>();
      for (let i = 0; i < limit; i++) {
        const scheduled = begin + i * interval;
        if (scheduled >= deadline) break;
        const wait = scheduled - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const pending: Promise<void> = exchange(next(counter++), scheduled).finally(() => inFlight.delete(pending));
        inFlight.add(pending);
      }
      await Promise.all(inFlight);
    }
    const elapsedMs = performance.now() - begin;
    return {
      requests: latencies.length,
      errors,
      ...(firstError === undefined ? {} : { firstError }),
      statuses,
      outcomes,
      elapsedMs,
      requestsPerSecond: (latencies.length * 1000) / elapsedMs,
      latency: summarize(latencies),
      latencies,
      slowest,
    };
  } finally {
    agent.destroy();
  }
}

function noteIfSlow(slowest: LoadResult['slowest'], ms: number, request: LoadRequest): void {
  if (slowest.length === 5 && ms <= slowest[4]!.ms) return;
  const what = `${request.method} ${decodeURIComponent(request.path)}${request.body === undefined ? '' : ` ${request.body.slice(0, 160)}`}`;
  slowest.push({ ms, request: what });
  slowest.sort((a, b) => b.ms - a.ms);
  slowest.length = Math.min(slowest.length, 5);
}

function send(agent: http.Agent, port: number, request: LoadRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body !== undefined) headers['content-length'] = Buffer.byteLength(request.body);
    const req = http.request(
      { agent, host: '127.0.0.1', port, method: request.method, path: request.path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}
