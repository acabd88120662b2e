import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { hash as argon2id, verify as verifyArgon2 } from '@node-rs/argon2';
import { DomainError, fieldProblem } from '@claimdesk/errors';
import { EventLog } from '@claimdesk/events';
import { Database } from '@claimdesk/persistence';
import { ApiTokensRepository } from './api-tokens.repository';
import type { Principal } from './principal';
import { isRole, type Role, roles } from './role';
import type { User } from './user.entity';
import { UsersRepository } from './users.repository';
import { WebSessionsRepository } from './web-sessions.repository';

export interface CreatedUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Set when the password was generated: shown once, never stored in clear. */
  generatedPassword?: string;
}

/** A web session just opened: the cookie value, shown to the browser only. */
export interface OpenedSession {
  token: string;
  principal: Principal;
  expiresAt: Date;
}

/** A user as the admin pages list them, with their API tokens. */
export interface UserListing {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
  /** When an admin deactivated the account; null while it is active. */
  deactivatedAt: Date | null;
  tokens: {
    id: string;
    name: string;
    prefix: string;
    createdAt: Date;
    lastUsedAt: Date | null;
    revokedAt: Date | null;
  }[];
}

/** Names the user an account change is about: by email (the CLI) or by id (the admin pages). */
export type UserKey = { email: string } | { userId: string };

/** An account after a change, and whether the change did anything (doing it twice changes nothing). */
export interface AccountChange {
  user: { id: string; email: string; name: string; role: Role; active: boolean };
  changed: boolean;
}

export interface CreatedToken {
  id: string;
  name: string;
  /** The secret, shown once. */
  token: string;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const tokenPrefix = 'cd_';
const principalCacheMs = 10_000;
const sessionPrefix = 'cds_';
/** A session lasts this long after its last use. */
export const sessionIdleMs = 12 * 60 * 60 * 1000;
const sessionExtendEveryMs = 60_000;

/** Users, their roles, API tokens, and who a token belongs to. */
@Injectable()
export class AccountsService {
  /**
   * Recent token lookups: every API call authenticates, most with a token seen
   * a moment ago. The lookup itself is kept, so concurrent first calls share it.
   */
  private readonly recent = new Map<string, { principal: Promise<Principal | null>; until: number }>();
  /** Off until a listener hears other processes' account changes (see AccountChangesListener). */
  private caching = true;

  constructor(
    private readonly db: Database,
    private readonly users: UsersRepository,
    private readonly tokens: ApiTokensRepository,
    private readonly sessions: WebSessionsRepository,
    private readonly events: EventLog,
  ) {}

  /**
   * Opens a web session for the email and password, or refuses with one
   * message whether the email or the password was wrong. An unknown email is
   * checked against a stand-in hash, so both take the same time.
   */
  async logIn(email: string, password: string): Promise<OpenedSession> {
    const user = email.length <= 254 ? await this.users.findByEmail(email.trim()) : null;
    const passwordHash = user?.passwordHash ?? (await standInHash());
    const matches = password.length <= 1024 && (await verifyArgon2(passwordHash, password).catch(() => false));
    if (user === null || !matches) {
      throw new DomainError('unauthenticated', 'auth.bad_credentials', 'The email or the password is not right.');
    }
    // Said only to someone who knows the password, so it tells a stranger nothing.
    if (user.deactivatedAt !== null) {
      throw new DomainError('unauthenticated', 'auth.deactivated', 'This account is deactivated: ask an admin.');
    }
    // Logging in is rare next to page views: the place to forget expired sessions.
    await this.sessions.deleteExpired();
    const token = `${sessionPrefix}${randomBytes(32).toString('base64url')}`;
    const expiresAt = new Date(Date.now() + sessionIdleMs);
    const session = await this.sessions.insert({ userId: user.id, tokenHash: hashToken(token), expiresAt });
    return {
      token,
      expiresAt,
      principal: { userId: user.id, name: user.name, email: user.email, role: user.role, sessionId: session.id },
    };
  }

  /** The principal behind a session cookie, or null when it is unknown or expired; extends the session. */
  async authenticateSession(token: string): Promise<Principal | null> {
    if (!token.startsWith(sessionPrefix) || token.length > 200) return null;
    const owner = await this.sessions.findOwnerByHash(hashToken(token));
    if (owner === null) return null;
    // Page views stay one read: the expiry moves at most once a minute.
    const expiresAt = new Date(Date.now() + sessionIdleMs);
    if (expiresAt.getTime() - new Date(owner.expiresAt).getTime() > sessionExtendEveryMs) {
      await this.sessions.extend(owner.sessionId, expiresAt);
    }
    return { userId: owner.userId, name: owner.name, email: owner.email, role: owner.role, sessionId: owner.sessionId };
  }

  /** Ends the session behind the cookie value; unknown values are ignored. */
  async logOut(token: string): Promise<void> {
    if (token.startsWith(sessionPrefix) && token.length <= 200) await this.sessions.deleteByHash(hashToken(token));
  }

  /** The user with this email (in any case): who a reviewer named by email is, and whether they may review. */
  findByEmail(email: string): Promise<{ id: string; name: string; role: Role } | null> {
    return this.users.findByEmailAnyCase(email);
  }

  /**
   * The names of these users, by id, in one query: other contexts show who did
   * what without reading users themselves. Unknown ids are left out.
   */
  async namesOf(ids: Iterable<string | null>): Promise<Map<string, string>> {
    const known = [...new Set([...ids].filter((id): id is string => id !== null))];
    return known.length === 0 ? new Map() : this.users.findNames(known);
  }

  /** Every user, by email, with their API tokens (never their secrets). */
  listUsers(): Promise<UserListing[]> {
    return this.users.listWithTokens();
  }

  /** Revokes a token; false when no unrevoked token has the id. */
  async revokeToken(tokenId: string): Promise<boolean> {
    const revoked = await this.db.transaction(async () => {
      const done = await this.tokens.revoke(tokenId);
      if (done) await this.tokens.notifyChange();
      return done;
    });
    // Revoked means refused now, not once the lookup cache expires.
    if (revoked) this.recent.clear();
    return revoked;
  }

  async createUser(input: { email: string; name: string; role: string; password?: string }): Promise<CreatedUser> {
    const email = input.email.trim().toLowerCase();
    const name = input.name.trim();
    const problems = [];
    if (!emailPattern.test(email) || email.length > 254)
      problems.push(fieldProblem('email', 'must be an email address'));
    if (name.length === 0 || name.length > 200) problems.push(fieldProblem('name', 'must be 1 to 200 characters'));
    if (!isRole(input.role)) problems.push(fieldProblem('role', `must be one of ${roles.join(', ')}`));
    if (input.password !== undefined && (input.password.length < 12 || input.password.length > 1024)) {
      problems.push(fieldProblem('password', 'must be 12 to 1024 characters'));
    }
    if (problems.length > 0 || !isRole(input.role)) {
      throw DomainError.invalid('user.invalid', 'The user is not valid.', problems);
    }
    const generatedPassword = input.password === undefined ? randomBytes(18).toString('base64url') : undefined;
    // @node-rs/argon2 defaults to argon2id, 19 MiB, 2 passes, 1 lane: OWASP's recommended minimum.
    const passwordHash = await argon2id(input.password ?? generatedPassword!);
    const user = await this.users.insertIfNew({ email, name, role: input.role, passwordHash });
    if (user === null) throw DomainError.conflict('user.email_taken', `A user with the email ${email} already exists.`);
    return { id: user.id, email, name, role: user.role, ...(generatedPassword ? { generatedPassword } : {}) };
  }

  /** Creates an API token for the user with the email (the CLI) or the id (the admin pages). */
  async createToken(input: UserKey & { name?: string }): Promise<CreatedToken> {
    const user = orNotFound(
      input,
      'userId' in input ? await this.users.findById(input.userId) : await this.users.findByEmail(input.email.trim()),
    );
    if (user.deactivatedAt !== null) {
      throw DomainError.conflict('user.deactivated', `${user.email} is deactivated: reactivate the account first.`);
    }
    const name = (input.name ?? 'api').trim();
    if (name.length === 0 || name.length > 200) {
      throw DomainError.invalid('token.invalid', 'The token is not valid.', [
        fieldProblem('name', 'must be 1 to 200 characters'),
      ]);
    }
    const token = `${tokenPrefix}${randomBytes(32).toString('base64url')}`;
    const saved = await this.tokens.insert({
      userId: user.id,
      name,
      tokenHash: hashToken(token),
      tokenPrefix: token.slice(0, 10),
    });
    return { id: saved.id, name, token };
  }

  /**
   * Closes an account at once: its web sessions end, its API tokens are
   * revoked, and it can no longer log in. Refused when it would leave no
   * active admin. `actorId` is the admin doing it, or null for the CLI.
   */
  async deactivateUser(actorId: string | null, key: UserKey): Promise<AccountChange> {
    const change = await this.db.transaction(async () => {
      const admins = await this.users.lockActiveAdmins();
      const user = orNotFound(key, await this.users.findForUpdate(keyOf(key)));
      if (user.deactivatedAt !== null) return { user: summary(user), changed: false };
      refuseLastAdmin(user, admins, `deactivate ${user.email}`);
      await this.users.setDeactivated(user.id, true);
      await this.tokens.notifyChange();
      const sessionsEnded = await this.sessions.deleteAllOf(user.id);
      const tokensRevoked = await this.tokens.revokeAllOf(user.id);
      await this.events.record({
        userId: user.id,
        actorId,
        action: 'user.deactivated',
        data: { sessionsEnded, tokensRevoked },
      });
      return { user: { ...summary(user), active: false }, changed: true };
    });
    // Refused now, not once this process's token cache expires.
    if (change.changed) this.recent.clear();
    return change;
  }

  /** Opens a deactivated account again; its revoked tokens stay revoked and it logs in with its password. */
  async reactivateUser(actorId: string | null, key: UserKey): Promise<AccountChange> {
    return this.db.transaction(async () => {
      const user = orNotFound(key, await this.users.findForUpdate(keyOf(key)));
      if (user.deactivatedAt === null) return { user: summary(user), changed: false };
      await this.users.setDeactivated(user.id, false);
      await this.events.record({ userId: user.id, actorId, action: 'user.reactivated' });
      return { user: { ...summary(user), active: true }, changed: true };
    });
  }

  /** Gives the user another role, effective on their next request; refused when it would leave no active admin. */
  async changeRole(actorId: string | null, key: UserKey, role: string): Promise<AccountChange> {
    if (!isRole(role)) {
      throw DomainError.invalid('user.invalid', 'The role is not valid.', [
        fieldProblem('role', `must be one of ${roles.join(', ')}`),
      ]);
    }
    const change = await this.db.transaction(async () => {
      const admins = await this.users.lockActiveAdmins();
      const user = orNotFound(key, await this.users.findForUpdate(keyOf(key)));
      if (user.role === role) return { user: summary(user), changed: false };
      if (role !== 'admin') refuseLastAdmin(user, admins, `make ${user.email} ${article(role)} ${role}`);
      await this.users.setRole(user.id, role);
      await this.tokens.notifyChange();
      await this.events.record({
        userId: user.id,
        actorId,
        action: 'user.role_changed',
        data: { from: user.role, to: role },
      });
      return { user: { ...summary(user), role }, changed: true };
    });
    if (change.changed) this.recent.clear();
    return change;
  }

  /**
   * Gives the user a new generated password, returned once and stored only as
   * a hash; their web sessions end (the old password may be known to someone
   * else), but for `keepSessionId`: an admin resetting their own password stays
   * signed in to read it. Their API tokens stay.
   */
  async resetPassword(
    actorId: string | null,
    key: UserKey,
    keepSessionId?: string,
  ): Promise<{ user: AccountChange['user']; password: string }> {
    const password = randomBytes(18).toString('base64url');
    const passwordHash = await argon2id(password);
    return this.db.transaction(async () => {
      const user = orNotFound(key, await this.users.findForUpdate(keyOf(key)));
      await this.users.setPasswordHash(user.id, passwordHash);
      const sessionsEnded = await this.sessions.deleteAllOf(user.id, keepSessionId);
      await this.events.record({ userId: user.id, actorId, action: 'user.password_reset', data: { sessionsEnded } });
      return { user: summary(user), password };
    });
  }

  /** Forgets every cached token lookup: an account or a token changed, here or in another process. */
  forgetTokenLookups(): void {
    this.recent.clear();
  }

  /**
   * Turns the token lookup cache on or off. A process that cannot hear other
   * processes' account changes must not cache, or a user deactivated
   * elsewhere would keep working until the entry expires.
   */
  cacheTokenLookups(enabled: boolean): void {
    this.caching = enabled;
    this.recent.clear();
  }

  /** The principal behind a bearer token, or null when it is unknown or revoked. */
  async authenticateToken(token: string): Promise<Principal | null> {
    if (!token.startsWith(tokenPrefix) || token.length > 200) return null;
    const hash = hashToken(token);
    if (!this.caching) return this.lookUp(hash);
    const now = Date.now();
    const cached = this.recent.get(hash);
    if (cached !== undefined && cached.until > now) return cached.principal;

    const principal = this.lookUp(hash);
    if (this.recent.size > 10_000) this.recent.clear();
    this.recent.set(hash, { principal, until: now + principalCacheMs });
    try {
      return await principal;
    } catch (error) {
      this.recent.delete(hash);
      throw error;
    }
  }

  private async lookUp(hash: string): Promise<Principal | null> {
    const owner = await this.tokens.findOwnerByHash(hash);
    if (owner === null) return null;
    await this.tokens.touch(owner.tokenId);
    return { userId: owner.userId, name: owner.name, email: owner.email, role: owner.role, tokenId: owner.tokenId };
  }
}

function keyOf(key: UserKey): { id: string } | { email: string } {
  return 'userId' in key ? { id: key.userId } : { email: key.email.trim() };
}

function orNotFound(key: UserKey, user: User | null): User {
  if (user !== null) return user;
  const named = 'userId' in key ? `id ${key.userId}` : `email ${key.email.trim()}`;
  throw DomainError.notFound('user.not_found', `No user has the ${named}.`);
}

function summary(user: User): AccountChange['user'] {
  return { id: user.id, email: user.email, name: user.name, role: user.role, active: user.deactivatedAt === null };
}

/** Refuses a change that takes `user` out of the active admins when they are the last one. */
function refuseLastAdmin(user: User, activeAdmins: string[], change: string): void {
  if (!activeAdmins.includes(user.id) || activeAdmins.length > 1) return;
  throw DomainError.conflict(
    'user.last_admin',
    `Cannot ${change}: they are the only active admin, and someone must be able to manage users. Make another user an admin first.`,
  );
}

function article(role: string): string {
  return /^[aeiou]/.test(role) ? 'an' : 'a';
}

let standIn: Promise<string> | undefined;

function standInHash(): Promise<string> {
  standIn ??= argon2id(randomBytes(18).toString('base64url'));
  return standIn;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
