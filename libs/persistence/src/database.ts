import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * The one way services open transactions. Repositories read {@link manager},
 * which is the active transaction's manager when there is one, so a service can
 * compose repository calls (and the job outbox) into one atomic unit without
 * passing a manager around.
 */
@Injectable()
export class Database {
  private readonly active = new AsyncLocalStorage<EntityManager>();

  constructor(readonly dataSource: DataSource) {}

  /** The entity manager of the current transaction, or the pooled one outside any. */
  get manager(): EntityManager {
    return this.active.getStore() ?? this.dataSource.manager;
  }

  /**
   * Runs a hot, complex statement as a named prepared statement, which
   * PostgreSQL parses and plans once per connection instead of on every call
   * (planning the similar-claim lookup took as long as running it). `name`
   * must always go with the same `text`.
   */
  async prepared<T>(name: string, text: string, values: unknown[]): Promise<T[]> {
    const active = this.active.getStore()?.queryRunner;
    const runner = active ?? this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as pg.PoolClient;
      return (await client.query<T & pg.QueryResultRow>({ name, text, values })).rows;
    } finally {
      if (active === undefined) await runner.release();
    }
  }

  /** Runs `work` in a transaction; nested calls join the outer one. */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.active.getStore() !== undefined) return work();
    return this.dataSource.transaction((manager) => this.active.run(manager, work));
  }
}
