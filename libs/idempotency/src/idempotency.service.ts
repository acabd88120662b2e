import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@claimdesk/errors';
import { Database, isConnectionLoss } from '@claimdesk/persistence';
import { IdempotencyRepository } from './idempotency.repository';

export interface IdempotentResponse {
  status: number;
  body: unknown;
  /** True when this is the stored response of an earlier request. */
  replayed: boolean;
}

const keepSeconds = 24 * 60 * 60;
/** An in-progress key older than this belongs to a request whose process died: it may be taken over. */
const abandonAfterSeconds = 120;
const keyPattern = /^[\x21-\x7e]{1,255}$/;
/** Tries at releasing a failed request's key when the database connection is what failed. */
const releaseAttempts = 4;

/**
 * `Idempotency-Key` semantics: the first request with a key runs, and its
 * response is stored in the same transaction as its changes; a repeat with the
 * same request replays it; the same key on a different request is refused
 * (422), and a repeat while the first still runs is refused (409).
 */
@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly db: Database,
    private readonly keys: IdempotencyRepository,
  ) {}

  /** SHA-256 of what identifies a request: method, path, and the body with its keys sorted. */
  static fingerprint(method: string, path: string, body: unknown): string {
    return createHash('sha256')
      .update(`${method} ${path}\n${canonicalJson(body)}`)
      .digest('hex');
  }

  static isValidKey(key: string): boolean {
    return keyPattern.test(key);
  }

  async run(
    userId: string,
    key: string,
    requestHash: string,
    work: () => Promise<{ status: number; body: unknown }>,
  ): Promise<IdempotentResponse> {
    if (!(await this.reserveOrReplay(userId, key, requestHash))) {
      const stored = await this.keys.find(userId, key, abandonAfterSeconds);
      if (stored !== null && stored.state === 'completed') {
        return { status: stored.responseStatus ?? 200, body: stored.responseBody, replayed: true };
      }
      throw DomainError.conflict(
        'idempotency.in_progress',
        'A request with this Idempotency-Key is still being processed.',
      );
    }
    try {
      return await this.db.transaction(async () => {
        const response = await work();
        await this.keys.complete(userId, key, response.status, response.body);
        return { ...response, replayed: false };
      });
    } catch (error) {
      await this.release(userId, key);
      throw error;
    }
  }

  /** Deletes keys past their 24 hours; returns how many. */
  purgeExpired(): Promise<number> {
    return this.keys.deleteExpired();
  }

  /**
   * Frees the key of a request that failed, so its retry runs rather than
   * meeting 409 until the key is abandoned. The failure may be a lost
   * connection, and the release may meet the same: it tries again on a new one.
   */
  private async release(userId: string, key: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.keys.release(userId, key);
        return;
      } catch (error) {
        if (attempt >= releaseAttempts || !isConnectionLoss(error)) {
          this.logger.warn(
            `could not release an Idempotency-Key after a failed request (${(error as Error).message}); ` +
              `it is taken over after ${abandonAfterSeconds} s`,
          );
          return;
        }
        await delay(50 * 2 ** attempt);
      }
    }
  }

  /** True when this request may run; false when an earlier one holds the key. */
  private async reserveOrReplay(userId: string, key: string, requestHash: string): Promise<boolean> {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (await this.keys.reserve(userId, key, requestHash, keepSeconds)) return true;
      const stored = await this.keys.find(userId, key, abandonAfterSeconds);
      if (stored === null) continue; // released meanwhile: try again
      if (stored.expired || stored.abandoned) {
        await this.keys.forget(userId, key);
        continue;
      }
      if (stored.requestHash !== requestHash) {
        throw new DomainError(
          'unprocessable',
          'idempotency.key_reused',
          'This Idempotency-Key was used with a different request.',
        );
      }
      return false;
    }
    return false;
  }
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
