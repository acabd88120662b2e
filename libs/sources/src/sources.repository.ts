import { Injectable } from '@nestjs/common';
import { Database } from '@claimdesk/persistence';
import { SourceSnapshot } from './source-snapshot.entity';
import { Source } from './source.entity';

export interface NewSource {
  url: string;
  normalizedUrl: string;
  title: string | null;
  publisher: string | null;
  publishedAt: Date | null;
  createdBy: string | null;
}

export type SnapshotSummary = Omit<SourceSnapshot, 'text'>;

@Injectable()
export class SourcesRepository {
  constructor(private readonly db: Database) {}

  /**
   * Inserts the source unless its canonical URL is known; returns the row and
   * whether this call created it. Safe under concurrent submissions of one URL.
   */
  async insertOrFind(source: NewSource): Promise<{ source: Source; created: boolean }> {
    const inserted = await this.db.manager
      .createQueryBuilder()
      .insert()
      .into(Source)
      .values(source)
      .orIgnore()
      .returning('*')
      .execute();
    const row = (inserted.raw as Record<string, unknown>[])[0];
    if (row !== undefined) return { source: await this.findByIdOrFail(row.id as string), created: true };
    const existing = await this.db.manager.findOneByOrFail(Source, { normalizedUrl: source.normalizedUrl });
    return { source: existing, created: false };
  }

  findById(id: string): Promise<Source | null> {
    return this.db.manager.findOneBy(Source, { id });
  }

  private findByIdOrFail(id: string): Promise<Source> {
    return this.db.manager.findOneByOrFail(Source, { id });
  }

  async markFetched(id: string, fetchedAt: Date): Promise<void> {
    await this.db.manager.update(
      Source,
      { id },
      { fetchStatus: 'fetched', fetchError: null, lastFetchedAt: fetchedAt },
    );
  }

  async countFetchAttempt(id: string): Promise<boolean> {
    const result = await this.db.manager.increment(Source, { id }, 'fetchAttempts', 1);
    return (result.affected ?? 0) > 0;
  }

  async insertSnapshot(
    snapshot: Omit<SourceSnapshot, 'id' | 'createdAt' | 'fetchedAt'> & { fetchedAt?: Date },
  ): Promise<SourceSnapshot> {
    return this.db.manager.save(SourceSnapshot, this.db.manager.create(SourceSnapshot, snapshot));
  }

  /** Snapshots without their text, newest first. */
  listSnapshots(sourceId: string): Promise<SnapshotSummary[]> {
    return this.db.manager.find(SourceSnapshot, {
      where: { sourceId },
      order: { fetchedAt: 'DESC', id: 'DESC' },
      select: {
        id: true,
        sourceId: true,
        fetchedAt: true,
        httpStatus: true,
        finalUrl: true,
        contentType: true,
        sha256: true,
        title: true,
        textLength: true,
        createdAt: true,
      },
    });
  }

  latestSnapshotHash(sourceId: string): Promise<string | null> {
    return this.db.manager
      .findOne(SourceSnapshot, {
        where: { sourceId },
        order: { fetchedAt: 'DESC', id: 'DESC' },
        select: { id: true, sha256: true },
      })
      .then((snapshot) => snapshot?.sha256 ?? null);
  }

  findSnapshot(sourceId: string, snapshotId: string): Promise<SourceSnapshot | null> {
    return this.db.manager.findOneBy(SourceSnapshot, { id: snapshotId, sourceId });
  }
}
