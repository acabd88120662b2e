import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The version of a claim whose split verdicts an editor asked another
 * reviewer to settle: that round is decided by the most common rating
 * instead of by agreement.
 */
export class SplitVerdicts1795840000000 implements MigrationInterface {
  name = 'SplitVerdicts1795840000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "claims" ADD "tiebreak_version" integer`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "claims" DROP COLUMN "tiebreak_version"`);
  }
}
