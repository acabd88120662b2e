import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The role a speaker held when they made this claim ("Mayor of Northfield",
 * later "Senator"): it belongs to the claim, not to the speaker, so a role
 * given with a claim is no longer dropped when the speaker is already known.
 * Claims without one show the speaker's first known role, as before.
 */
export class ClaimSpeakerRole1795860000000 implements MigrationInterface {
  name = 'ClaimSpeakerRole1795860000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "claims" ADD "claimant_role" text`);
    await queryRunner.query(
      `ALTER TABLE "claims" ADD CONSTRAINT "claims_claimant_role_check" CHECK (length("claimant_role") BETWEEN 1 AND 200)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "claims" DROP CONSTRAINT "claims_claimant_role_check"`);
    await queryRunner.query(`ALTER TABLE "claims" DROP COLUMN "claimant_role"`);
  }
}
