import { createHash, randomBytes } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import type { Database } from '@claimdesk/persistence';
import { aUser, rejectionOf, useTestContext } from '@claimdesk/testing';
import { AccountsModule } from './accounts.module';
import { AccountsService, type CreatedUser } from './accounts.service';

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
}

interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('AccountsService against PostgreSQL', () => {
  const context = useTestContext([AccountsModule]);
  let accounts: AccountsService;
  let db: Database;

  beforeAll(() => {
    accounts = context.get(AccountsService);
    db = context.db;
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  const userByEmail = async (email: string): Promise<UserRow[]> =>
    db.manager.query<UserRow[]>(
      `SELECT id, email, name, role, password_hash FROM users WHERE lower(email) = lower($1)`,
      [email],
    );

  const tokenRow = async (id: string): Promise<TokenRow> => {
    const [row] = await db.manager.query<TokenRow[]>(`SELECT * FROM api_tokens WHERE id = $1`, [id]);
    if (row === undefined) throw new Error(`no api_tokens row ${id}`);
    return row;
  };

  describe('createUser', () => {
    it('stores the email trimmed and lower-cased', async () => {
      const suffix = randomBytes(3).toString('hex');
      const created = await accounts.createUser(aUser({ email: `  Grace.Hopper.${suffix}@Example.ORG ` }));

      expect(created.email).toBe(`grace.hopper.${suffix}@example.org`);
      const rows = await userByEmail(created.email);
      expect(rows).toEqual([expect.objectContaining({ id: created.id, email: `grace.hopper.${suffix}@example.org` })]);
    });

    it('refuses a second user with the same email in another case as a conflict', async () => {
      const first = await accounts.createUser(aUser());

      const error = await rejectionOf(accounts.createUser(aUser({ email: first.email.toUpperCase() })));

      expect(error.kind).toBe('conflict');
      expect(error.code).toBe('user.email_taken');
      expect(await userByEmail(first.email)).toHaveLength(1);
    });

    it('creates one user when two requests take the same email at once', async () => {
      const input = aUser();

      const outcomes = await Promise.allSettled([accounts.createUser(input), accounts.createUser({ ...input })]);

      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
      expect(refused).toEqual([expect.objectContaining({ kind: 'conflict', code: 'user.email_taken' })]);
      expect(await userByEmail(input.email)).toHaveLength(1);
    });

    it('refuses invalid input, naming every field at fault, and stores nothing', async () => {
      const [{ count: before }] = await db.manager.query<[{ count: string }]>(`SELECT count(*) FROM users`);

      const error = await rejectionOf(
        accounts.createUser({ email: 'not-an-email', name: '   ', role: 'superuser', password: 'short' }),
      );

      expect(error.kind).toBe('invalid');
      expect(error.code).toBe('user.invalid');
      expect(error.details.errors?.map((problem) => problem.field)).toEqual(['email', 'name', 'role', 'password']);
      const [{ count: after }] = await db.manager.query<[{ count: string }]>(`SELECT count(*) FROM users`);
      expect(after).toBe(before);
    });

    it('refuses an unknown role alone as invalid', async () => {
      const error = await rejectionOf(accounts.createUser(aUser({ role: 'owner' })));

      expect(error.kind).toBe('invalid');
      expect(error.details.errors).toEqual([
        { field: 'role', message: expect.stringContaining('submitter') as string },
      ]);
    });

    it('generates a password when none is given, returns it once and stores only an argon2id hash of it', async () => {
      const created = await accounts.createUser(aUser({ role: 'editor' }));

      expect(created.role).toBe('editor');
      expect(created.generatedPassword).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/));
      const [row] = await userByEmail(created.email);
      expect(row!.password_hash).toMatch(/^\$argon2id\$/);
      expect(row!.password_hash).not.toContain(created.generatedPassword);
      expect(await verify(row!.password_hash, created.generatedPassword!)).toBe(true);
      expect(await verify(row!.password_hash, `${created.generatedPassword!}x`)).toBe(false);
    });

    it('hashes a given password and returns no generated one', async () => {
      const created = await accounts.createUser(aUser({ password: 'correct horse battery staple' }));

      expect(created).not.toHaveProperty('generatedPassword');
      const [row] = await userByEmail(created.email);
      expect(await verify(row!.password_hash, 'correct horse battery staple')).toBe(true);
    });
  });

  describe('createToken', () => {
    let user: CreatedUser;

    beforeAll(async () => {
      user = await accounts.createUser(aUser());
    });

    it('returns the secret once and stores only its SHA-256 and a short prefix', async () => {
      const created = await accounts.createToken({ email: user.email, name: 'ci' });

      expect(created.token).toMatch(/^cd_[A-Za-z0-9_-]{40,}$/);
      const row = await tokenRow(created.id);
      expect(row).toMatchObject({
        user_id: user.id,
        name: 'ci',
        token_hash: sha256(created.token),
        token_prefix: created.token.slice(0, 10),
        last_used_at: null,
        revoked_at: null,
      });
      const [{ everything }] = await db.manager.query<[{ everything: string }]>(
        `SELECT coalesce(string_agg(row_to_json(t)::text, ' '), '') AS everything FROM api_tokens t`,
      );
      expect(everything).toContain(row.token_hash);
      expect(everything).not.toContain(created.token);
      expect(everything).not.toContain(created.token.slice(10));
    });

    it('finds the user by email in any case', async () => {
      const created = await accounts.createToken({ email: ` ${user.email.toUpperCase()} ` });

      expect(created.name).toBe('api');
      expect((await tokenRow(created.id)).user_id).toBe(user.id);
    });

    it('finds the user by id', async () => {
      const created = await accounts.createToken({ userId: user.id, name: 'admin page' });

      expect(created.name).toBe('admin page');
      expect((await tokenRow(created.id)).user_id).toBe(user.id);
    });

    it('refuses a token for an unknown user id as not found', async () => {
      const error = await rejectionOf(accounts.createToken({ userId: '00000000-0000-4000-8000-000000000000' }));

      expect(error.kind).toBe('not_found');
      expect(error.code).toBe('user.not_found');
    });

    it('refuses a token for an unknown email as not found', async () => {
      const error = await rejectionOf(accounts.createToken({ email: 'nobody@example.com' }));

      expect(error.kind).toBe('not_found');
      expect(error.code).toBe('user.not_found');
    });
  });

  describe('user lookups for other contexts', () => {
    it('finds a user by email in any case, with their role', async () => {
      const created = await accounts.createUser(aUser({ name: 'Rhea Reviewer', role: 'reviewer' }));

      expect(await accounts.findByEmail(created.email.toUpperCase())).toEqual({
        id: created.id,
        name: 'Rhea Reviewer',
        role: 'reviewer',
      });
      expect(await accounts.findByEmail(`nobody-${randomBytes(3).toString('hex')}@example.com`)).toBeNull();
    });

    it('names users by id in one lookup, leaving out null and unknown ids', async () => {
      const ada = await accounts.createUser(aUser({ name: 'Ada Checker' }));
      const eda = await accounts.createUser(aUser({ name: 'Eda Editor', role: 'editor' }));
      const query = jest.spyOn(db.manager, 'query');

      const names = await accounts.namesOf([ada.id, null, eda.id, ada.id, '00000000-0000-0000-0000-000000000000']);

      expect(names).toEqual(
        new Map([
          [ada.id, 'Ada Checker'],
          [eda.id, 'Eda Editor'],
        ]),
      );
      expect(query).toHaveBeenCalledTimes(1);
      expect(await accounts.namesOf([null])).toEqual(new Map());
    });
  });

  describe('authenticateToken', () => {
    let user: CreatedUser;

    beforeAll(async () => {
      user = await accounts.createUser(aUser());
    });

    it('returns the principal behind a valid token, with its role', async () => {
      const editor = await accounts.createUser(aUser({ name: 'Rosalind Editor', role: 'editor' }));
      const { id, token } = await accounts.createToken({ email: editor.email });

      expect(await accounts.authenticateToken(token)).toEqual({
        userId: editor.id,
        name: 'Rosalind Editor',
        email: editor.email,
        role: 'editor',
        tokenId: id,
      });
    });

    it('returns null for an unknown token', async () => {
      expect(await accounts.authenticateToken(`cd_${randomBytes(32).toString('base64url')}`)).toBeNull();
    });

    it('returns null for a secret without the cd_ prefix even when its hash is stored', async () => {
      const foreign = `gh_${randomBytes(32).toString('base64url')}`;
      await db.manager.query(
        `INSERT INTO api_tokens (user_id, name, token_hash, token_prefix) VALUES ($1, 'foreign', $2, $3)`,
        [user.id, sha256(foreign), foreign.slice(0, 10)],
      );
      const { token } = await accounts.createToken({ email: user.email });

      expect(await accounts.authenticateToken(foreign)).toBeNull();
      expect(await accounts.authenticateToken(token.replace(/^cd_/, 'xx_'))).toBeNull();
    });

    it('returns null for a revoked token that was never looked up', async () => {
      const { id, token } = await accounts.createToken({ email: user.email });
      await db.manager.query(`UPDATE api_tokens SET revoked_at = now() WHERE id = $1`, [id]);

      expect(await accounts.authenticateToken(token)).toBeNull();
    });

    it('keeps answering from its cache for 10 s after a lookup, then sees the revocation', async () => {
      const { id, token } = await accounts.createToken({ email: user.email });
      const now = Date.now();
      const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
      expect(await accounts.authenticateToken(token)).toMatchObject({ userId: user.id, tokenId: id });
      await db.manager.query(`UPDATE api_tokens SET revoked_at = now() WHERE id = $1`, [id]);

      clock.mockReturnValue(now + 9_000);
      expect(await accounts.authenticateToken(token)).toMatchObject({ userId: user.id });

      clock.mockReturnValue(now + 10_001);
      expect(await accounts.authenticateToken(token)).toBeNull();
    });

    it('records when a token was last used', async () => {
      const { id, token } = await accounts.createToken({ email: user.email });
      expect((await tokenRow(id)).last_used_at).toBeNull();

      await accounts.authenticateToken(token);

      const row = await tokenRow(id);
      expect(row.last_used_at).toBeInstanceOf(Date);
      expect(row.last_used_at!.getTime()).toBeGreaterThanOrEqual(row.created_at.getTime());
    });

    it('leaves last_used_at alone for a revoked token', async () => {
      const { id, token } = await accounts.createToken({ email: user.email });
      await db.manager.query(`UPDATE api_tokens SET revoked_at = now() WHERE id = $1`, [id]);

      await accounts.authenticateToken(token);

      expect((await tokenRow(id)).last_used_at).toBeNull();
    });
  });

  describe('web sessions', () => {
    const password = 'correct horse battery staple';
    let user: CreatedUser;

    beforeAll(async () => {
      user = await accounts.createUser(aUser({ password, role: 'editor' }));
    });

    const sessionRows = async (userId: string) =>
      db.manager.query<{ id: string; token_hash: string; expires_at: Date }[]>(
        `SELECT id, token_hash, expires_at FROM web_sessions WHERE user_id = $1 ORDER BY created_at`,
        [userId],
      );

    it('opens a session for the right password, storing only the SHA-256 of its secret', async () => {
      const before = (await sessionRows(user.id)).length;
      const session = await accounts.logIn(`  ${user.email.toUpperCase()} `, password);

      expect(session.principal).toMatchObject({ userId: user.id, email: user.email, role: 'editor' });
      expect(session.token).toMatch(/^cds_[\w-]{43}$/);
      const rows = await sessionRows(user.id);
      expect(rows).toHaveLength(before + 1);
      expect(rows.at(-1)).toMatchObject({ id: session.principal.sessionId, token_hash: sha256(session.token) });
      expect(rows.some((row) => row.token_hash.includes(session.token))).toBe(false);
    });

    it('refuses a wrong password and an unknown email with the same error, opening nothing', async () => {
      const before = (await sessionRows(user.id)).length;
      const wrongPassword = await rejectionOf(accounts.logIn(user.email, 'not the password'));
      // An email no user has: the builder's are never reused.
      const unknownEmail = await rejectionOf(accounts.logIn(aUser().email, password));

      for (const error of [wrongPassword, unknownEmail]) {
        expect(error).toMatchObject({ kind: 'unauthenticated', code: 'auth.bad_credentials' });
        expect(error.message).toBe(wrongPassword.message);
      }
      expect(await sessionRows(user.id)).toHaveLength(before);
    });

    it('finds the principal behind a session cookie, and nothing once logged out', async () => {
      const session = await accounts.logIn(user.email, password);

      await expect(accounts.authenticateSession(session.token)).resolves.toEqual(session.principal);
      await accounts.logOut(session.token);
      await expect(accounts.authenticateSession(session.token)).resolves.toBeNull();
    });

    it('does not take an API token for a session, nor a session for an API token', async () => {
      const token = await accounts.createToken({ email: user.email });
      const session = await accounts.logIn(user.email, password);

      await expect(accounts.authenticateSession(token.token)).resolves.toBeNull();
      await expect(accounts.authenticateToken(session.token)).resolves.toBeNull();
    });

    it('ends a session unused for its idle time, and extends one in use', async () => {
      const idle = await accounts.logIn(user.email, password);
      const used = await accounts.logIn(user.email, password);
      await db.manager.query(`UPDATE web_sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [
        idle.principal.sessionId,
      ]);
      await db.manager.query(`UPDATE web_sessions SET expires_at = now() + interval '1 hour' WHERE id = $1`, [
        used.principal.sessionId,
      ]);

      await expect(accounts.authenticateSession(idle.token)).resolves.toBeNull();
      await expect(accounts.authenticateSession(used.token)).resolves.not.toBeNull();
      const [row] = await db.manager.query<{ hours: number }[]>(
        `SELECT extract(epoch FROM expires_at - now()) / 3600 AS hours FROM web_sessions WHERE id = $1`,
        [used.principal.sessionId],
      );
      expect(Number(row!.hours)).toBeGreaterThan(11.9);
    });

    it('forgets expired sessions when someone logs in', async () => {
      const stale = await accounts.logIn(user.email, password);
      await db.manager.query(`UPDATE web_sessions SET expires_at = now() - interval '1 day' WHERE id = $1`, [
        stale.principal.sessionId,
      ]);

      await accounts.logIn(user.email, password);

      const ids = (await sessionRows(user.id)).map((row) => row.id);
      expect(ids).not.toContain(stale.principal.sessionId);
    });
  });

  describe('listUsers and revokeToken', () => {
    it('lists users with their tokens, never their secrets', async () => {
      const user = await accounts.createUser(aUser());
      const token = await accounts.createToken({ email: user.email, name: 'laptop' });

      const listed = (await accounts.listUsers()).find((candidate) => candidate.id === user.id);

      expect(listed).toMatchObject({ email: user.email, role: 'reviewer', tokens: [{ id: token.id, name: 'laptop' }] });
      expect(JSON.stringify(listed)).not.toContain(token.token);
      expect(listed!.tokens[0]!.prefix).toBe(token.token.slice(0, 10));
    });

    it('revokes a token at once, even one just looked up and cached', async () => {
      const user = await accounts.createUser(aUser());
      const token = await accounts.createToken({ email: user.email });
      await expect(accounts.authenticateToken(token.token)).resolves.not.toBeNull();

      await expect(accounts.revokeToken(token.id)).resolves.toBe(true);

      await expect(accounts.authenticateToken(token.token)).resolves.toBeNull();
      await expect(accounts.revokeToken(token.id)).resolves.toBe(false);
    });
  });
});

describe('account changes against PostgreSQL', () => {
  const password = 'correct horse battery staple';
  const context = useTestContext([AccountsModule]);
  let accounts: AccountsService;
  let db: Database;

  beforeAll(() => {
    accounts = context.get(AccountsService);
    db = context.db;
  });

  const eventsAbout = (userId: string) =>
    db.manager.query<{ actor_id: string | null; action: string; data: Record<string, unknown> }[]>(
      `SELECT actor_id, action, data FROM events WHERE user_id = $1 ORDER BY id`,
      [userId],
    );

  /** Leaves `admins` as the only active admins, so each test starts from a known count. */
  const onlyAdmins = async (...admins: CreatedUser[]): Promise<void> => {
    await db.manager.query(
      `UPDATE users SET role = 'editor' WHERE role = 'admin' AND deactivated_at IS NULL AND NOT id = ANY($1::uuid[])`,
      [admins.map((admin) => admin.id)],
    );
  };

  it('deactivates a user: login refused, sessions ended, tokens revoked, even one just cached; recorded once', async () => {
    const admin = await accounts.createUser(aUser({ role: 'admin' }));
    const user = await accounts.createUser(aUser({ password }));
    const session = await accounts.logIn(user.email, password);
    const token = await accounts.createToken({ email: user.email });
    await expect(accounts.authenticateToken(token.token)).resolves.not.toBeNull();

    const change = await accounts.deactivateUser(admin.id, { userId: user.id });

    expect(change).toEqual({ user: expect.objectContaining({ id: user.id, active: false }) as unknown, changed: true });
    await expect(accounts.authenticateToken(token.token)).resolves.toBeNull();
    await expect(accounts.authenticateSession(session.token)).resolves.toBeNull();
    await expect(rejectionOf(accounts.logIn(user.email, password))).resolves.toMatchObject({
      kind: 'unauthenticated',
      code: 'auth.deactivated',
    });
    // A wrong password still reads as one: only who knows the password learns the account is closed.
    await expect(rejectionOf(accounts.logIn(user.email, 'not the password'))).resolves.toMatchObject({
      code: 'auth.bad_credentials',
    });
    await expect(rejectionOf(accounts.createToken({ email: user.email }))).resolves.toMatchObject({
      kind: 'conflict',
      code: 'user.deactivated',
    });
    const [row] = await db.manager.query<{ revoked_at: Date | null }[]>(
      `SELECT revoked_at FROM api_tokens WHERE id = $1`,
      [token.id],
    );
    expect(row!.revoked_at).toBeInstanceOf(Date);

    await expect(accounts.deactivateUser(admin.id, { email: user.email })).resolves.toMatchObject({ changed: false });
    expect(await eventsAbout(user.id)).toEqual([
      { actor_id: admin.id, action: 'user.deactivated', data: { sessionsEnded: 1, tokensRevoked: 1 } },
    ]);
    const listed = (await accounts.listUsers()).find((candidate) => candidate.id === user.id);
    expect(listed!.deactivatedAt).toBeInstanceOf(Date);
  });

  it('refuses a user deactivated behind its back, by another process, on their next token lookup', async () => {
    const user = await accounts.createUser(aUser());
    const token = await accounts.createToken({ email: user.email });
    // Not through the service: as the CLI would, from a process whose cache this one does not share.
    await db.manager.query(`UPDATE users SET deactivated_at = now() WHERE id = $1`, [user.id]);

    await expect(accounts.authenticateToken(token.token)).resolves.toBeNull();
  });

  it('reactivates a user, who logs in again while their revoked tokens stay revoked', async () => {
    const user = await accounts.createUser(aUser({ password }));
    const token = await accounts.createToken({ email: user.email });
    await accounts.deactivateUser(null, { email: user.email });

    await expect(accounts.reactivateUser(null, { userId: user.id })).resolves.toMatchObject({
      user: { active: true },
      changed: true,
    });

    await expect(accounts.logIn(user.email, password)).resolves.toMatchObject({ principal: { userId: user.id } });
    await expect(accounts.authenticateToken(token.token)).resolves.toBeNull();
    await expect(accounts.reactivateUser(null, { userId: user.id })).resolves.toMatchObject({ changed: false });
    expect((await eventsAbout(user.id)).map((event) => event.action)).toEqual(['user.deactivated', 'user.reactivated']);
  });

  it('changes a role, effective at once for a cached token, recording the old and the new role', async () => {
    const admin = await accounts.createUser(aUser({ role: 'admin' }));
    const user = await accounts.createUser(aUser({ role: 'reviewer' }));
    const token = await accounts.createToken({ email: user.email });
    await expect(accounts.authenticateToken(token.token)).resolves.toMatchObject({ role: 'reviewer' });

    await expect(accounts.changeRole(admin.id, { userId: user.id }, 'editor')).resolves.toMatchObject({
      user: { role: 'editor' },
      changed: true,
    });

    await expect(accounts.authenticateToken(token.token)).resolves.toMatchObject({ role: 'editor' });
    await expect(accounts.changeRole(admin.id, { userId: user.id }, 'editor')).resolves.toMatchObject({
      changed: false,
    });
    expect(await eventsAbout(user.id)).toEqual([
      { actor_id: admin.id, action: 'user.role_changed', data: { from: 'reviewer', to: 'editor' } },
    ]);
  });

  it('refuses a role that is not one, and an unknown user', async () => {
    const user = await accounts.createUser(aUser());

    const invalid = await rejectionOf(accounts.changeRole(null, { userId: user.id }, 'owner'));
    const unknown = await rejectionOf(accounts.deactivateUser(null, { email: 'nobody-here@example.com' }));

    expect(invalid).toMatchObject({ kind: 'invalid', details: { errors: [{ field: 'role' }] } });
    expect(unknown).toMatchObject({ kind: 'not_found', code: 'user.not_found' });
    expect(await eventsAbout(user.id)).toEqual([]);
  });

  it('never leaves no active admin: the last one can neither be deactivated nor demoted', async () => {
    const last = await accounts.createUser(aUser({ role: 'admin' }));
    await onlyAdmins(last);

    for (const change of [
      accounts.deactivateUser(last.id, { userId: last.id }),
      accounts.changeRole(last.id, { userId: last.id }, 'editor'),
      accounts.deactivateUser(null, { email: last.email }),
    ]) {
      const error = await rejectionOf(change);
      expect(error).toMatchObject({ kind: 'conflict', code: 'user.last_admin' });
      expect(error.message).toContain('only active admin');
    }
    const [row] = await db.manager.query<{ role: string; deactivated_at: Date | null }[]>(
      `SELECT role, deactivated_at FROM users WHERE id = $1`,
      [last.id],
    );
    expect(row).toEqual({ role: 'admin', deactivated_at: null });
    expect(await eventsAbout(last.id)).toEqual([]);

    // With a second admin, either may step down.
    const second = await accounts.createUser(aUser({ role: 'admin' }));
    await expect(accounts.changeRole(last.id, { userId: last.id }, 'editor')).resolves.toMatchObject({
      changed: true,
    });
    await expect(rejectionOf(accounts.deactivateUser(second.id, { userId: second.id }))).resolves.toMatchObject({
      code: 'user.last_admin',
    });
  });

  it('lets only one of two admins who demote each other at the same moment succeed', async () => {
    const first = await accounts.createUser(aUser({ role: 'admin' }));
    const second = await accounts.createUser(aUser({ role: 'admin' }));
    await onlyAdmins(first, second);

    const outcomes = await Promise.allSettled([
      accounts.changeRole(second.id, { userId: first.id }, 'editor'),
      accounts.deactivateUser(first.id, { userId: second.id }),
    ]);

    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'user.last_admin' });
    const [{ count }] = await db.manager.query<[{ count: string }]>(
      `SELECT count(*) FROM users WHERE role = 'admin' AND deactivated_at IS NULL`,
    );
    expect(Number(count)).toBe(1);
  });

  it('resets a password: a new one shown once, stored hashed, the old one refused and sessions ended', async () => {
    const user = await accounts.createUser(aUser({ password }));
    const session = await accounts.logIn(user.email, password);
    const token = await accounts.createToken({ email: user.email });

    const reset = await accounts.resetPassword(null, { email: user.email });

    expect(reset.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    await expect(accounts.authenticateSession(session.token)).resolves.toBeNull();
    await expect(rejectionOf(accounts.logIn(user.email, password))).resolves.toMatchObject({
      code: 'auth.bad_credentials',
    });
    await expect(accounts.logIn(user.email, reset.password)).resolves.toMatchObject({
      principal: { userId: user.id },
    });
    await expect(accounts.authenticateToken(token.token)).resolves.not.toBeNull();
    const [row] = await userRow(db, user.id);
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verify(row!.password_hash, reset.password)).toBe(true);
    const events = await eventsAbout(user.id);
    expect(events).toEqual([{ actor_id: null, action: 'user.password_reset', data: { sessionsEnded: 1 } }]);
    expect(JSON.stringify(events)).not.toContain(reset.password);
  });

  it('keeps the session it is told to keep: an admin resetting their own password stays signed in', async () => {
    const admin = await accounts.createUser(aUser({ password, role: 'admin' }));
    const here = await accounts.logIn(admin.email, password);
    const elsewhere = await accounts.logIn(admin.email, password);

    await accounts.resetPassword(admin.id, { userId: admin.id }, here.principal.sessionId);

    await expect(accounts.authenticateSession(here.token)).resolves.toMatchObject({ userId: admin.id });
    await expect(accounts.authenticateSession(elsewhere.token)).resolves.toBeNull();
  });
});

function userRow(db: Database, id: string): Promise<UserRow[]> {
  return db.manager.query<UserRow[]>(`SELECT id, email, name, role, password_hash FROM users WHERE id = $1`, [id]);
}
