import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ClaimsService } from '@claimdesk/claims';
import { ClaimIndex, matchableText } from './claim-index';

const pageSize = 5000;

/**
 * Keeps this process's {@link ClaimIndex} in step with the claims table. Each
 * catch-up reads the texts written since the last mark (the oldest
 * transaction then still running, so a transaction that commits late is read
 * next time, never skipped) and moves the mark on. Matching catches up before
 * every lookup, so a claim committed by any process is matched by the next
 * lookup in every process; with nothing new a catch-up is two index reads.
 *
 * The first catch-up loads every claim: it starts when the app does, in the
 * background, and lookups wait for it (about 20 s per million claims).
 */
@Injectable()
export class ClaimIndexFeed implements OnApplicationBootstrap {
  readonly index = new ClaimIndex();
  private readonly logger = new Logger(ClaimIndexFeed.name);
  private mark = '0';
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(private readonly claims: ClaimsService) {}

  onApplicationBootstrap(): void {
    this.catchUp().catch((error: unknown) =>
      this.logger.warn(`the claim index could not load yet (${String(error)}); the next lookup retries`),
    );
  }

  /**
   * Resolves once the index holds every claim text committed before the call.
   * Calls during a catch-up share the one queued after it (the running one
   * may have read before their commit).
   */
  catchUp(): Promise<void> {
    if (this.running === null) {
      this.running = this.readChanges().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.catchUp();
      });
    return this.queued;
  }

  private async readChanges(): Promise<void> {
    const started = Date.now();
    const horizon = await this.claims.textFeedHorizon();
    let after: { xid: string; id: string } | null = null;
    let read = 0;
    for (;;) {
      const rows = await this.claims.textChanges(this.mark, after, pageSize);
      for (const row of rows) this.index.upsert(row.id, matchableText(row));
      read += rows.length;
      const last = rows.at(-1);
      if (last === undefined || rows.length < pageSize) break;
      after = { xid: last.xid, id: last.id };
    }
    if (this.mark === '0' && read > pageSize) {
      this.logger.log(`indexed ${read} claims for matching in ${Date.now() - started} ms`);
    }
    this.mark = horizon;
  }
}
