import { Injectable } from '@nestjs/common';
import { Database } from '@claimdesk/persistence';
import { ApiToken } from './api-token.entity';
import type { Role } from './role';

export interface TokenOwner {
  tokenId: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
}

/** The PostgreSQL channel told, at commit, that cached token lookups may be out of date. */
export const accountChangesChannel = 'claimdesk_account_changes';

@Injectable()
export class ApiTokensRepository {
  constructor(private readonly db: Database) {}

  async insert(token: { userId: string; name: string; tokenHash: string; tokenPrefix: string }): Promise<ApiToken> {
    return this.db.manager.save(ApiToken, this.db.manager.create(ApiToken, token));
  }

  /** The user behind an unrevoked token of an active account, in one indexed lookup. */
  async findOwnerByHash(tokenHash: string): Promise<TokenOwner | null> {
    const rows = await this.db.manager.query<TokenOwner[]>(
      `SELECT t.id AS "tokenId", u.id AS "userId", u.name, u.email, u.role
         FROM api_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.deactivated_at IS NULL`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  /** Records use at most once a minute per token, to keep reads from turning into writes. */
  async touch(tokenId: string): Promise<void> {
    await this.db.manager.query(
      `UPDATE api_tokens SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [tokenId],
    );
  }

  /** Marks the token revoked; false when there is no unrevoked token with the id. */
  async revoke(tokenId: string): Promise<boolean> {
    const [, count] = await this.db.manager.query<[unknown, number]>(
      `UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`,
      [tokenId],
    );
    return count > 0;
  }

  /** Tells every process, when the transaction commits, to forget its cached token lookups. */
  async notifyChange(): Promise<void> {
    await this.db.manager.query(`SELECT pg_notify($1, '')`, [accountChangesChannel]);
  }

  /** Revokes every token of the user still in force; returns how many. */
  async revokeAllOf(userId: string): Promise<number> {
    const [, count] = await this.db.manager.query<[unknown, number]>(
      `UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId],
    );
    return count;
  }
}
