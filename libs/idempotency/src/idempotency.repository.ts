import { Injectable } from '@nestjs/common';
import { Database } from '@claimdesk/persistence';
import type { IdempotencyKey } from './idempotency-key.entity';

type Stored = Pick<IdempotencyKey, 'requestHash' | 'state' | 'responseStatus' | 'responseBody'> & {
  expired: boolean;
  abandoned: boolean;
};

@Injectable()
export class IdempotencyRepository {
  constructor(private readonly db: Database) {}

  /**
   * Claims the key for a new request; false when the caller already used it.
   * Committed without waiting for the disk: a reservation lost in a crash only
   * lets the request run again, and the request's own (synchronous) commit
   * makes the reservation durable with it, WAL being written in order.
   */
  async reserve(userId: string, key: string, requestHash: string, ttlSeconds: number): Promise<boolean> {
    return this.db.transaction(async () => {
      await this.db.manager.query(`SET LOCAL synchronous_commit = off`);
      return this.insertReservation(userId, key, requestHash, ttlSeconds);
    });
  }

  private async insertReservation(
    userId: string,
    key: string,
    requestHash: string,
    ttlSeconds: number,
  ): Promise<boolean> {
    const rows = await this.db.manager.query<unknown[]>(
      `INSERT INTO idempotency_keys (user_id, key, request_hash, state, expires_at)
       VALUES ($1, $2, $3, 'in_progress', now() + make_interval(secs => $4))
       ON CONFLICT (user_id, key) DO NOTHING
       RETURNING 1`,
      [userId, key, requestHash, ttlSeconds],
    );
    return rows.length === 1;
  }

  async find(userId: string, key: string, abandonAfterSeconds: number): Promise<Stored | null> {
    const [row] = await this.db.manager.query<Stored[]>(
      `SELECT request_hash AS "requestHash", state, response_status AS "responseStatus", response_body AS "responseBody",
              expires_at <= now() AS expired,
              state = 'in_progress' AND created_at < now() - make_interval(secs => $3) AS abandoned
         FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, key, abandonAfterSeconds],
    );
    return row ?? null;
  }

  /** Removes a key that expired or whose request died, so it can be reserved again. */
  async forget(userId: string, key: string): Promise<void> {
    await this.db.manager.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2`, [userId, key]);
  }

  /**
   * Frees a key whose request failed, so a retry may run: only while it is
   * still in progress (a request whose commit went through keeps its response).
   */
  async release(userId: string, key: string): Promise<void> {
    await this.db.manager.query(
      `DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND state = 'in_progress'`,
      [userId, key],
    );
  }

  /** Stores the response; runs in the request's own transaction. */
  async complete(userId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.db.manager.query(
      `UPDATE idempotency_keys SET state = 'completed', response_status = $3, response_body = $4
        WHERE user_id = $1 AND key = $2`,
      [userId, key, status, JSON.stringify(body)],
    );
  }

  async deleteExpired(): Promise<number> {
    const result = await this.db.manager.query<[unknown[], number]>(
      `DELETE FROM idempotency_keys WHERE expires_at <= now()`,
    );
    return result[1];
  }
}
