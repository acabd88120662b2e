import { Module } from '@nestjs/common';
import type { Database } from '@claimdesk/persistence';
import { aUser, eventually, useTestContext } from '@claimdesk/testing';
import { AccountChangesListener } from './account-changes.listener';
import { AccountsModule } from './accounts.module';
import { AccountsService } from './accounts.service';
import { accountChangesChannel } from './api-tokens.repository';

/** An API process's share of accounts: the service and the listener that keeps its cache honest. */
@Module({ imports: [AccountsModule], providers: [AccountChangesListener] })
class ListeningAccountsModule {}

describe('AccountChangesListener against PostgreSQL', () => {
  const context = useTestContext([ListeningAccountsModule]);
  let accounts: AccountsService;
  let db: Database;

  beforeAll(() => {
    accounts = context.get(AccountsService);
    db = context.db;
  });

  /** What another process does when it deactivates a user: the row, and the notice at commit. */
  const deactivateElsewhere = async (userId: string): Promise<void> => {
    await db.transaction(async () => {
      await db.manager.query(`UPDATE users SET deactivated_at = now() WHERE id = $1`, [userId]);
      await db.manager.query(`SELECT pg_notify($1, '')`, [accountChangesChannel]);
    });
  };

  const aTokenInCache = async (name: string) => {
    const user = await accounts.createUser(aUser({ name }));
    const { token } = await accounts.createToken({ userId: user.id });
    await expect(accounts.authenticateToken(token)).resolves.toMatchObject({ userId: user.id });
    return { user, token };
  };

  it("forgets a cached token lookup when another process's change commits", async () => {
    const { user, token } = await aTokenInCache('cached');

    await deactivateElsewhere(user.id);

    await eventually(async () => ((await accounts.authenticateToken(token)) === null ? true : undefined), 2_000);
  });

  it('caches nothing while its connection is lost, and listens again once it is back', async () => {
    const terminate = () =>
      db.manager.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'claimdesk-account-changes' AND datname = current_database()`,
      );
    const first = await aTokenInCache('while-lost');
    await terminate();
    // Until the listener is back, each lookup reads the database: a change made now is seen at once.
    await eventually(async () => {
      await db.manager.query(`UPDATE users SET deactivated_at = NULL WHERE id = $1`, [first.user.id]);
      await accounts.authenticateToken(first.token);
      await db.manager.query(`UPDATE users SET deactivated_at = now() WHERE id = $1`, [first.user.id]);
      return (await accounts.authenticateToken(first.token)) === null ? true : undefined;
    }, 2_000);

    const [{ listening }] = await eventually(async () => {
      const rows = await db.manager.query<[{ listening: number }]>(
        `SELECT count(*)::int AS listening FROM pg_stat_activity WHERE application_name = 'claimdesk-account-changes' AND datname = current_database()`,
      );
      return rows[0].listening === 1 ? rows : undefined;
    }, 5_000);
    expect(listening).toBe(1);
    const second = await aTokenInCache('after');
    await deactivateElsewhere(second.user.id);
    await eventually(async () => ((await accounts.authenticateToken(second.token)) === null ? true : undefined), 2_000);
  });
});
