import { Injectable } from '@nestjs/common';

/** Failed logins allowed per address and email in each window, and the window. */
export const loginFailures = { limit: 10, windowMs: 15 * 60 * 1000 };

/** Above this many keys, expired ones are dropped on the next failure. */
const pruneAbove = 10_000;

interface Failures {
  count: number;
  /** When the window of the first counted failure ends. */
  windowEnds: number;
  /** Set once `count` reaches the limit: logins are refused until then. */
  blockedUntil: number;
}

/**
 * The login lockout: only failed logins count, so people who log in often are
 * never locked out, and a success clears the count. In memory, per process,
 * like the request throttler.
 */
@Injectable()
export class LoginFailures {
  private readonly byKey = new Map<string, Failures>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Seconds until `key` may try again; 0 when it may now. */
  blockedFor(key: string): number {
    const entry = this.byKey.get(key);
    const left = entry === undefined ? 0 : entry.blockedUntil - this.now();
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  recordFailure(key: string): void {
    const now = this.now();
    let entry = this.byKey.get(key);
    if (entry === undefined || (entry.windowEnds <= now && entry.blockedUntil <= now)) {
      if (this.byKey.size >= pruneAbove) this.prune(now);
      entry = { count: 0, windowEnds: now + loginFailures.windowMs, blockedUntil: 0 };
      this.byKey.set(key, entry);
    }
    entry.count++;
    if (entry.count >= loginFailures.limit) entry.blockedUntil = now + loginFailures.windowMs;
  }

  recordSuccess(key: string): void {
    this.byKey.delete(key);
  }

  private prune(now: number): void {
    for (const [key, entry] of this.byKey) {
      if (entry.windowEnds <= now && entry.blockedUntil <= now) this.byKey.delete(key);
    }
  }
}
