import { Injectable } from '@nestjs/common';
import { Database } from '@claimdesk/persistence';
import { Claimant } from './claimant.entity';

export type ClaimantRow = Pick<Claimant, 'id' | 'name' | 'role'>;

@Injectable()
export class ClaimantsRepository {
  constructor(private readonly db: Database) {}

  /**
   * The claimant with this normalised name, created if new; a role given for a
   * claimant who had none is recorded. Known claimants (the common case) cost
   * one read and take no lock; concurrent first submissions are safe.
   */
  async findOrCreate(name: string, normalizedName: string, role: string | null): Promise<ClaimantRow> {
    const existing = await this.findByNormalizedName(normalizedName);
    if (existing !== null) {
      if (existing.role !== null || role === null) return existing;
      await this.db.manager.query(`UPDATE claimants SET role = $2 WHERE id = $1 AND role IS NULL`, [existing.id, role]);
      return { ...existing, role };
    }
    await this.db.manager.query(
      `INSERT INTO claimants (name, normalized_name, role) VALUES ($1, $2, $3) ON CONFLICT (normalized_name) DO NOTHING`,
      [name, normalizedName, role],
    );
    return (await this.findByNormalizedName(normalizedName))!;
  }

  findByNormalizedName(normalizedName: string): Promise<ClaimantRow | null> {
    return this.db.manager.findOne(Claimant, {
      where: { normalizedName },
      select: { id: true, name: true, role: true },
    });
  }
}
