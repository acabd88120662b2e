import { Injectable } from '@nestjs/common';
import { Database } from '@claimdesk/persistence';
import type { JobScalar } from './job-contract';
import { OutboxJob } from './outbox-job.entity';

export interface NewOutboxJob {
  jobId: string;
  queue: string;
  name: string;
  data: Record<string, JobScalar>;
  correlationId: string | null;
  delayMs: number;
}

/** SQL of the job outbox; joins the caller's transaction through {@link Database}. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly db: Database) {}

  /** Inserts the job unless one with the same job id is still waiting. */
  async insert(job: NewOutboxJob): Promise<void> {
    await this.db.manager.createQueryBuilder().insert().into(OutboxJob).values(job).orIgnore().execute();
  }

  /**
   * Locks up to `limit` due rows for the current transaction; rows locked by
   * another relay are skipped, so relays in several processes share the work.
   */
  async lockDue(limit: number): Promise<OutboxJob[]> {
    return this.db.manager
      .createQueryBuilder(OutboxJob, 'job')
      .where('job.availableAt <= now()')
      .orderBy('job.id', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  async delete(ids: readonly string[]): Promise<void> {
    await this.db.manager.createQueryBuilder().delete().from(OutboxJob).whereInIds(ids).execute();
  }

  /** Records a failed hand-over and holds the rows back for `backoffMs`. */
  async postpone(ids: readonly string[], error: string, backoffMs: number): Promise<void> {
    await this.db.manager
      .createQueryBuilder()
      .update(OutboxJob)
      .set({
        relayAttempts: () => 'relay_attempts + 1',
        lastError: error.slice(0, 2000),
        availableAt: () => `now() + make_interval(secs => ${Number(backoffMs) / 1000})`,
      })
      .whereInIds(ids)
      .execute();
  }
}
