import { Injectable } from '@nestjs/common';
import { Database } from '@claimdesk/persistence';
import { SystemPing } from './system-ping.entity';

@Injectable()
export class SystemPingRepository {
  constructor(private readonly db: Database) {}

  async insertRequested(id: string): Promise<void> {
    await this.db.manager.insert(SystemPing, { id });
  }

  /** Marks the ping answered; returns false when there is no such ping. */
  async markProcessed(id: string, backend: string): Promise<boolean> {
    const result = await this.db.manager
      .createQueryBuilder()
      .update(SystemPing)
      .set({
        processedAt: () => 'coalesce(processed_at, now())',
        processedOn: backend,
        timesProcessed: () => 'times_processed + 1',
      })
      .where('id = :id', { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  findById(id: string): Promise<SystemPing | null> {
    return this.db.manager.findOneBy(SystemPing, { id });
  }
}
