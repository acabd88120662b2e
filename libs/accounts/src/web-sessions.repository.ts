import { Injectable } from '@nestjs/common';
import { Database } from '@claimdesk/persistence';
import type { Role } from './role';
import { WebSession } from './web-session.entity';

export interface SessionOwner {
  sessionId: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  expiresAt: Date;
}

@Injectable()
export class WebSessionsRepository {
  constructor(private readonly db: Database) {}

  async insert(session: { userId: string; tokenHash: string; expiresAt: Date }): Promise<WebSession> {
    return this.db.manager.save(WebSession, this.db.manager.create(WebSession, session));
  }

  /** The user behind an unexpired session of an active account, in one indexed lookup. */
  async findOwnerByHash(tokenHash: string): Promise<SessionOwner | null> {
    const rows = await this.db.manager.query<SessionOwner[]>(
      `SELECT s.id AS "sessionId", u.id AS "userId", u.name, u.email, u.role, s.expires_at AS "expiresAt"
         FROM web_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > now() AND u.deactivated_at IS NULL`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  /** Moves the expiry to `expiresAt`, unless a concurrent request moved it within the last minute. */
  async extend(sessionId: string, expiresAt: Date): Promise<void> {
    await this.db.manager.query(
      `UPDATE web_sessions SET expires_at = $2
        WHERE id = $1 AND expires_at < $2::timestamptz - interval '1 minute'`,
      [sessionId, expiresAt],
    );
  }

  async deleteByHash(tokenHash: string): Promise<void> {
    await this.db.manager.query(`DELETE FROM web_sessions WHERE token_hash = $1`, [tokenHash]);
  }

  /** Ends every session of the user but `keep` (when given); returns how many ended. */
  async deleteAllOf(userId: string, keep?: string): Promise<number> {
    const [, count] = await this.db.manager.query<[unknown, number]>(
      `DELETE FROM web_sessions WHERE user_id = $1 AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [userId, keep ?? null],
    );
    return count;
  }

  /** Drops sessions that expired; returns how many. */
  async deleteExpired(): Promise<number> {
    const [, count] = await this.db.manager.query<[unknown, number]>(
      `DELETE FROM web_sessions WHERE expires_at <= now()`,
    );
    return count;
  }
}
