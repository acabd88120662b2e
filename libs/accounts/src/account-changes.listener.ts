import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import pg from 'pg';
import { DatabaseServer } from '@claimdesk/persistence';
import { AccountsService } from './accounts.service';
import { accountChangesChannel } from './api-tokens.repository';

const reconnectMs = 1_000;

/**
 * Keeps an API process's token lookup cache honest when another process (the
 * CLI, another API process) deactivates a user, changes a role or revokes a
 * token: those changes notify on a PostgreSQL channel when they commit, and
 * this process forgets what it cached. While the listener is down, nothing is
 * cached at all, since a change could go unheard.
 */
@Injectable()
export class AccountChangesListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AccountChangesListener.name);
  private client?: pg.Client;
  private retry?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly server: DatabaseServer,
    private readonly accounts: AccountsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    this.accounts.cacheTokenLookups(false);
    const client = new pg.Client({ connectionString: this.server.url, application_name: 'claimdesk-account-changes' });
    let lost = false;
    // A terminated connection may report an error, an end, or both: either means notifications go unheard.
    const onLost = (reason: string) => {
      if (lost || this.stopped) return;
      lost = true;
      this.logger.warn(`account change listener lost its connection (${reason}); not caching tokens meanwhile`);
      this.client = undefined;
      this.accounts.cacheTokenLookups(false);
      this.again();
    };
    client.on('notification', () => this.accounts.forgetTokenLookups());
    client.on('error', (error) => onLost(error.message));
    client.on('end', () => onLost('connection ended'));
    try {
      await client.connect();
      await client.query(`LISTEN ${accountChangesChannel}`);
      this.client = client;
      this.accounts.cacheTokenLookups(true);
    } catch (error) {
      if (lost) return;
      lost = true;
      this.logger.warn(`account change listener could not connect (${(error as Error).message}); trying again`);
      await client.end().catch(() => undefined);
      this.again();
    }
  }

  private again(): void {
    if (this.stopped) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.listen(), reconnectMs);
  }
}
