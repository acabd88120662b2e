import { Redis } from 'ioredis';
import pg from 'pg';

/**
 * Counts, process-wide, the statements sent to PostgreSQL by the sending
 * connection's application_name (the app's pool, BullMQ's, the relay's
 * listener, a bench's own client) and the commands sent to Redis, by wrapping
 * `pg.Client#query` and ioredis's `sendCommand` until {@link uninstall}.
 */
export class RoundTrips {
  private readonly counts = new Map<string, number>();
  private readonly restore: (() => void)[] = [];

  static install(): RoundTrips {
    const trips = new RoundTrips();
    const clientPrototype = pg.Client.prototype as unknown as Record<string, unknown>;
    const query = clientPrototype.query as (this: unknown, ...args: unknown[]) => unknown;
    clientPrototype.query = function (
      this: { connectionParameters?: { application_name?: string } },
      ...args: unknown[]
    ) {
      trips.add(`pg:${this.connectionParameters?.application_name ?? 'unnamed'}`);
      return query.apply(this, args);
    };
    trips.restore.push(() => (clientPrototype.query = query));
    const redisPrototype = Redis.prototype as unknown as Record<string, unknown>;
    const sendCommand = redisPrototype.sendCommand as (this: unknown, ...args: unknown[]) => unknown;
    redisPrototype.sendCommand = function (this: unknown, ...args: unknown[]) {
      trips.add('redis');
      return sendCommand.apply(this, args);
    };
    trips.restore.push(() => (redisPrototype.sendCommand = sendCommand));
    return trips;
  }

  uninstall(): void {
    for (const restore of this.restore.splice(0)) restore();
  }

  snapshot(): Map<string, number> {
    return new Map(this.counts);
  }

  /** The counts since `before`, without the statements of the connection named `leaveOut` (the bench's own). */
  since(before: ReadonlyMap<string, number>, leaveOut: string): Map<string, number> {
    const delta = new Map<string, number>();
    for (const [key, value] of this.counts) {
      if (key !== `pg:${leaveOut}`) delta.set(key, value - (before.get(key) ?? 0));
    }
    return delta;
  }

  private add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
}

/** Runs `work` with round trips counted ({@link RoundTrips.install}), uninstalled afterwards. */
export async function withRoundTrips<T>(work: (trips: RoundTrips) => Promise<T>): Promise<T> {
  const trips = RoundTrips.install();
  try {
    return await work(trips);
  } finally {
    trips.uninstall();
  }
}

/**
 * Per `unit` (claim, job) over `count` of them: PostgreSQL statements by
 * sending connection, and Redis commands when there were at least `minRedis`.
 */
export function describeTrips(trips: ReadonlyMap<string, number>, count: number, unit: string, minRedis = 1): string {
  const per = (value: number): string => (value / Math.max(1, count)).toFixed(1);
  const senders = [...trips.entries()].filter(([key, value]) => key.startsWith('pg:') && value > 0).sort();
  const pgTotal = senders.reduce((sum, [, value]) => sum + value, 0);
  const redis = trips.get('redis') ?? 0;
  return (
    `per ${unit} ${per(pgTotal)} PostgreSQL statements (${senders
      .map(([key, value]) => `${key.slice(3)} ${per(value)}`)
      .join(', ')})` + (redis >= minRedis ? ` and ${per(redis)} Redis commands` : '')
  );
}
