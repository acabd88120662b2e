import { Injectable } from '@nestjs/common';
import { Database } from '@claimdesk/persistence';

/** The statuses of claims whose sources are re-checked on a schedule. */
const rechecked = ['in_review', 'awaiting_approval', 'published'];

/** What source checking reads of the claims citing sources. */
@Injectable()
export class CheckRepository {
  constructor(private readonly db: Database) {}

  /** The claims citing the source (through an appearance or as evidence), each once. */
  async claimsCiting(sourceId: string): Promise<string[]> {
    const rows = await this.db.manager.query<{ claimId: string }[]>(
      `SELECT claim_id AS "claimId" FROM appearances WHERE source_id = $1
       UNION
       SELECT claim_id FROM evidence WHERE source_id = $1`,
      [sourceId],
    );
    return rows.map((row) => row.claimId);
  }

  /**
   * Sources due a re-check: cited by a claim under review, awaiting approval
   * or published, last attempted before `olderThan`, fetched from the web
   * (not given as text), oldest attempt first.
   */
  async dueForRecheck(olderThan: Date, limit: number): Promise<string[]> {
    const rows = await this.db.manager.query<{ id: string }[]>(
      `SELECT s.id FROM sources s
        WHERE s.fetch_status <> 'pending'
          AND coalesce(s.last_attempt_at, s.created_at) < $1
          AND EXISTS (SELECT 1 FROM (SELECT claim_id FROM appearances WHERE source_id = s.id
                                     UNION ALL SELECT claim_id FROM evidence WHERE source_id = s.id) cited
                        JOIN claims c ON c.id = cited.claim_id
                       WHERE c.status = ANY($2))
          AND NOT EXISTS (SELECT 1 FROM source_snapshots ss WHERE ss.source_id = s.id AND ss.http_status IS NULL)
        ORDER BY coalesce(s.last_attempt_at, s.created_at)
        LIMIT $3`,
      [olderThan, rechecked, limit],
    );
    return rows.map((row) => row.id);
  }
}
