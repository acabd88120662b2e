import { Injectable } from '@nestjs/common';
import { Database } from '@claimdesk/persistence';
import { Claimant } from './claimant.entity';

export type ClaimantRow = Pick<Claimant, 'id' | 'name' | 'role'>;

@Injectable()
export class ClaimantsRepository {
  constructor(private readonly db: Database) {}

  /**
   * The claimant with this normalised name, created if new, in one statement;
   * a role given for a claimant who had none is recorded. Known claimants (the
   * common case) take no lock; concurrent first submissions are safe.
   */
  async findOrCreate(name: string, normalizedName: string, role: string | null): Promise<ClaimantRow> {
    const [row] = await this.db.manager.query<(ClaimantRow & { created: boolean })[]>(
      `WITH found AS (SELECT id, name, role FROM claimants WHERE normalized_name = $2),
            inserted AS (
              INSERT INTO claimants (name, normalized_name, role)
              SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM found)
              ON CONFLICT (normalized_name) DO NOTHING
              RETURNING id, name, role)
       SELECT id, name, role, false AS created FROM found
       UNION ALL SELECT id, name, role, true FROM inserted`,
      [name, normalizedName, role],
    );
    // Neither found nor inserted: another transaction created it after this statement's snapshot.
    const claimant = row ?? (await this.findByNormalizedName(normalizedName))!;
    if (claimant.role !== null || role === null) return { id: claimant.id, name: claimant.name, role: claimant.role };
    await this.db.manager.query(`UPDATE claimants SET role = $2 WHERE id = $1 AND role IS NULL`, [claimant.id, role]);
    return { id: claimant.id, name: claimant.name, role };
  }

  findByNormalizedName(normalizedName: string): Promise<ClaimantRow | null> {
    return this.db.manager.findOne(Claimant, {
      where: { normalizedName },
      select: { id: true, name: true, role: true },
    });
  }
}
