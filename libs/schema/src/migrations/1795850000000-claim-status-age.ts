import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the editors' queue sorts and filters on. `status_changed_at` is when
 * the claim entered its current status (the queue's "status age"), kept by a
 * trigger so that every path that changes a status (transitions, the
 * consensus job, and any added later) keeps it without knowing of it;
 * existing claims take it from their last event into that status, or their
 * creation. A trigram index on claimants' normalised names serves the
 * partial-name speaker filter.
 */
export class ClaimStatusAge1795850000000 implements MigrationInterface {
  name = 'ClaimStatusAge1795850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "claims" ADD "status_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
    await queryRunner.query(`
      UPDATE "claims" c
         SET status_changed_at = coalesce(
               (SELECT max(e.at) FROM events e WHERE e.claim_id = c.id AND e.to_status = c.status), c.created_at)`);
    await queryRunner.query(`CREATE INDEX "claims_status_changed_idx" ON "claims" ("status_changed_at", "id") `);
    await queryRunner.query(`
      CREATE FUNCTION claims_stamp_status_changed_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status IS DISTINCT FROM OLD.status THEN
          NEW.status_changed_at := now();
        END IF;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER claims_stamp_status_changed_at BEFORE UPDATE OF status ON "claims"
        FOR EACH ROW EXECUTE FUNCTION claims_stamp_status_changed_at()`);
    await queryRunner.query(
      `CREATE INDEX "claimants_normalized_name_trgm_idx" ON "claimants" USING gin ("normalized_name" gin_trgm_ops)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "claimants_normalized_name_trgm_idx"`);
    await queryRunner.query(`DROP TRIGGER claims_stamp_status_changed_at ON "claims"`);
    await queryRunner.query(`DROP FUNCTION claims_stamp_status_changed_at()`);
    await queryRunner.query(`DROP INDEX "claims_status_changed_idx"`);
    await queryRunner.query(`ALTER TABLE "claims" DROP COLUMN "status_changed_at"`);
  }
}
