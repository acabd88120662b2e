import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A claim's optional headline: the short title a fact-check is published
 * under (ClaimReview `headline`). Matching reads it with the text, so the
 * feed's trigger now stamps a row when either changes.
 */
export class ClaimHeadline1795830000000 implements MigrationInterface {
  name = 'ClaimHeadline1795830000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "claims" ADD "headline" text`);
    await queryRunner.query(
      `ALTER TABLE "claims" ADD CONSTRAINT "claims_headline_check" CHECK (length("headline") BETWEEN 1 AND 300)`,
    );
    await queryRunner.query(`DROP TRIGGER claims_stamp_text_xid ON "claims"`);
    await queryRunner.query(`
      CREATE TRIGGER claims_stamp_text_xid BEFORE INSERT OR UPDATE OF text, headline ON "claims"
        FOR EACH ROW EXECUTE FUNCTION claims_stamp_text_xid()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER claims_stamp_text_xid ON "claims"`);
    await queryRunner.query(`
      CREATE TRIGGER claims_stamp_text_xid BEFORE INSERT OR UPDATE OF text ON "claims"
        FOR EACH ROW EXECUTE FUNCTION claims_stamp_text_xid()`);
    await queryRunner.query(`ALTER TABLE "claims" DROP CONSTRAINT "claims_headline_check"`);
    await queryRunner.query(`ALTER TABLE "claims" DROP COLUMN "headline"`);
  }
}
