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

  /** Every user with their tokens, in one query. */
  listWithTokens(): Promise<UserListing[]> {
    return this.db.manager.query<UserListing[]>(
      `SELECT u.id, u.email, u.name, u.role, u.created_at AS "createdAt",
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
