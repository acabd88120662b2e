import { Injectable } from '@nestjs/common';
import { Database } from '@claimdesk/persistence';
import type { UserListing } from './accounts.service';
import type { Role } from './role';
import { User } from './user.entity';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
}

@Injectable()
export class UsersRepository {
  constructor(private readonly db: Database) {}

  /** Inserts the user and returns it, or null when the email is taken. */
  async insertIfNew(user: NewUser): Promise<User | null> {
    const result = await this.db.manager
      .createQueryBuilder()
      .insert()
      .into(User)
      .values(user)
      .orIgnore()
      .returning(['id', 'createdAt', 'updatedAt'])
      .execute();
    if (result.identifiers.length === 0 || result.identifiers[0] === undefined) return null;
    return this.db.manager.create(User, { ...user, ...(result.generatedMaps[0] as Partial<User>) });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.db.manager.findOneBy(User, { email: email.toLowerCase() });
  }

  findById(id: string): Promise<User | null> {
    return this.db.manager.findOneBy(User, { id });
  }

  /** The user with this email in any case, as a reviewer is named: id, name and role only. */
  async findByEmailAnyCase(email: string): Promise<{ id: string; name: string; role: Role } | null> {
    const [row] = await this.db.manager.query<{ id: string; name: string; role: Role }[]>(
      `SELECT id, name, role FROM users WHERE lower(email) = lower($1)`,
      [email],
    );
    return row ?? null;
  }

  /** The names of these users, by id, in one query; unknown ids are left out. */
  async findNames(ids: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.db.manager.query<{ id: string; name: string }[]>(
      `SELECT id, name FROM users WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** The user, locked until the transaction ends: account changes read and write it in one step. */
  findForUpdate(key: { id: string } | { email: string }): Promise<User | null> {
    return this.db.manager.findOne(User, {
      where: 'id' in key ? { id: key.id } : { email: key.email.toLowerCase() },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /**
   * The ids of the active admins, locked: every change that could leave none
   * takes these locks first (in id order, so two such changes never deadlock),
   * which makes two admins demoting each other at once wait for one another.
   */
  async lockActiveAdmins(): Promise<string[]> {
    const rows = await this.db.manager.query<{ id: string }[]>(
      `SELECT id FROM users WHERE role = 'admin' AND deactivated_at IS NULL ORDER BY id FOR UPDATE`,
    );
    return rows.map((row) => row.id);
  }

  async setDeactivated(id: string, deactivated: boolean): Promise<void> {
    await this.db.manager.query(
      `UPDATE users SET deactivated_at = CASE WHEN $2 THEN now() END, updated_at = now() WHERE id = $1`,
      [id, deactivated],
    );
  }

  async setRole(id: string, role: Role): Promise<void> {
    await this.db.manager.query(`UPDATE users SET role = $2, updated_at = now() WHERE id = $1`, [id, role]);
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.db.manager.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [
      id,
      passwordHash,
    ]);
  }

  /** Every user with their tokens, in one query. */
  listWithTokens(): Promise<UserListing[]> {
    return this.db.manager.query<UserListing[]>(
      `SELECT u.id, u.email, u.name, u.role, u.created_at AS "createdAt", u.deactivated_at AS "deactivatedAt",
              COALESCE(json_agg(json_build_object(
                'id', t.id, 'name', t.name, 'prefix', t.token_prefix, 'createdAt', t.created_at,
                'lastUsedAt', t.last_used_at, 'revokedAt', t.revoked_at) ORDER BY t.created_at)
                FILTER (WHERE t.id IS NOT NULL), '[]') AS tokens
         FROM users u LEFT JOIN api_tokens t ON t.user_id = u.id
        GROUP BY u.id
        ORDER BY u.email`,
    );
  }
}
