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

  /**
   * The citation path of {@link insertOrFind} in one statement: the id and URL
   * of the source with this canonical URL, and whether this call created it.
   */
  async citeOrCreate(source: NewSource): Promise<{ id: string; url: string; created: boolean }> {
    const [row] = await this.db.manager.query<{ id: string; url: string; created: boolean }[]>(
      `WITH inserted AS (
         INSERT INTO sources (url, normalized_url, created_by) VALUES ($1, $2, $3)
         ON CONFLICT (normalized_url) DO NOTHING
         RETURNING id, url)
       SELECT id, url, true AS created FROM inserted
       UNION ALL
       SELECT id, url, false FROM sources WHERE normalized_url = $2 AND NOT EXISTS (SELECT 1 FROM inserted)`,
      [source.url, source.normalizedUrl, source.createdBy],
    );
    if (row !== undefined) return row;
    // Created by a transaction that committed after this statement's snapshot.
    const existing = await this.db.manager.findOneByOrFail(Source, { normalizedUrl: source.normalizedUrl });
    return { id: existing.id, url: existing.url, created: false };
  }

  findById(id: string): Promise<Source | null> {
    return this.db.manager.findOneBy(Source, { id });
  }

  /** The URLs of these sources, by id, in one query; unknown ids are left out. */
  async findUrls(ids: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.db.manager.query<{ id: string; url: string }[]>(
      `SELECT id, url FROM sources WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.url]));
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

  /** Turns claim extraction on; true when it was off. */
  async enableExtraction(id: string): Promise<boolean> {
    const [rows] = await this.db.manager.query<[unknown[], number]>(
      `UPDATE sources SET extract_claims = true, updated_at = now() WHERE id = $1 AND NOT extract_claims RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  async extractsClaims(id: string): Promise<boolean> {
    const [row] = await this.db.manager.query<{ extractClaims: boolean }[]>(
      `SELECT extract_claims AS "extractClaims" FROM sources WHERE id = $1`,
      [id],
    );
    return row?.extractClaims ?? false;
  }

  async latestSnapshotId(sourceId: string): Promise<string | null> {
    const [row] = await this.db.manager.query<{ id: string }[]>(
      `SELECT id FROM source_snapshots WHERE source_id = $1 ORDER BY fetched_at DESC, id DESC LIMIT 1`,
      [sourceId],
    );
    return row?.id ?? null;
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
        publisher: true,
        publishedAt: true,
        textSha256: true,
        textLength: true,
        createdAt: true,
      },
    });
  }

  /** The SHA-256 of the latest snapshot's text: what tells new text from text already archived. */
  latestTextHash(sourceId: string): Promise<string | null> {
    return this.db.manager
      .findOne(SourceSnapshot, {
        where: { sourceId },
        order: { fetchedAt: 'DESC', id: 'DESC' },
        select: { id: true, textSha256: true },
      })
      .then((snapshot) => snapshot?.textSha256 ?? null);
  }

  findSnapshot(sourceId: string, snapshotId: string): Promise<SourceSnapshot | null> {
    return this.db.manager.findOneBy(SourceSnapshot, { id: snapshotId, sourceId });
  }

  /** The snapshot of the same source taken just before `snapshot`, with its text. */
  async findSnapshotBefore(
    snapshot: Pick<SourceSnapshot, 'id' | 'sourceId' | 'fetchedAt'>,
  ): Promise<{ id: string; text: string } | null> {
    const [row] = await this.db.manager.query<{ id: string; text: string }[]>(
      `SELECT id, text FROM source_snapshots
        WHERE source_id = $1 AND (fetched_at, id) < ($2, $3)
        ORDER BY fetched_at DESC, id DESC LIMIT 1`,
      [snapshot.sourceId, snapshot.fetchedAt, snapshot.id],
    );
    return row ?? null;
  }
}
