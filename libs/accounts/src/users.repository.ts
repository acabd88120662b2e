import { Injectable } from '@nestjs/common';
import { Database } from '@claimdesk/persistence';
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
}
