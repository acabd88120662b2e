import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The feed that keeps each process's in-memory matching index in step with
 * the claims table. Every write of a claim's text stamps the row with the
 * writing transaction's id; a reader that remembers the oldest transaction
 * still running when it last read (its snapshot's xmin) re-reads only rows
 * stamped since, and misses none: a transaction that commits later has an id
 * at or above that mark, whatever order the commits come in.
 */
export class ClaimTextFeed1795810000000 implements MigrationInterface {
  name = 'ClaimTextFeed1795810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "claims" ADD "text_xid" bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`CREATE INDEX "claims_text_xid_idx" ON "claims" ("text_xid") `);
    await queryRunner.query(`
      CREATE FUNCTION claims_stamp_text_xid() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.text_xid := pg_current_xact_id()::text::bigint;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER claims_stamp_text_xid BEFORE INSERT OR UPDATE OF text ON "claims"
        FOR EACH ROW EXECUTE FUNCTION claims_stamp_text_xid()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER claims_stamp_text_xid ON "claims"`);
    await queryRunner.query(`DROP FUNCTION claims_stamp_text_xid()`);
    await queryRunner.query(`DROP INDEX "claims_text_xid_idx"`);
    await queryRunner.query(`ALTER TABLE "claims" DROP COLUMN "text_xid"`);
  }
}
