import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What fetching sources records: each snapshot's text hash (how a re-check
 * tells changed text from a re-served page), the job run that wrote it (so a
 * repeated run adds no second snapshot), headers and page metadata; on the
 * source, the failure in words and when the last attempt ended. Snapshots
 * are append-only, so their backfill runs with the guard trigger disabled.
 */
export class SourceChecking1795791399905 implements MigrationInterface {
  name = 'SourceChecking1795791399905';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sources" ADD "fetch_error_detail" text`);
    await queryRunner.query(`ALTER TABLE "sources" ADD "last_attempt_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "source_snapshots" ADD "text_sha256" text`);
    await queryRunner.query(`ALTER TABLE "source_snapshots" DISABLE TRIGGER "source_snapshots_append_only"`);
    await queryRunner.query(
      `UPDATE "source_snapshots" SET "text_sha256" = encode(sha256(convert_to("text", 'UTF8')), 'hex')`,
    );
    await queryRunner.query(`ALTER TABLE "source_snapshots" ENABLE TRIGGER "source_snapshots_append_only"`);
    await queryRunner.query(`ALTER TABLE "source_snapshots" ALTER COLUMN "text_sha256" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "source_snapshots" ADD "fetch_key" text`);
    await queryRunner.query(`ALTER TABLE "source_snapshots" ADD "headers" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "source_snapshots" ADD "publisher" text`);
    await queryRunner.query(`ALTER TABLE "source_snapshots" ADD "published_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "source_snapshots_fetch_key_key" ON "source_snapshots" ("fetch_key") WHERE "fetch_key" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "source_snapshots_fetch_key_key"`);
    await queryRunner.query(`ALTER TABLE "source_snapshots" DROP COLUMN "published_at"`);
    await queryRunner.query(`ALTER TABLE "source_snapshots" DROP COLUMN "publisher"`);
    await queryRunner.query(`ALTER TABLE "source_snapshots" DROP COLUMN "headers"`);
    await queryRunner.query(`ALTER TABLE "source_snapshots" DROP COLUMN "fetch_key"`);
    await queryRunner.query(`ALTER TABLE "source_snapshots" DROP COLUMN "text_sha256"`);
    await queryRunner.query(`ALTER TABLE "sources" DROP COLUMN "last_attempt_at"`);
    await queryRunner.query(`ALTER TABLE "sources" DROP COLUMN "fetch_error_detail"`);
  }
}
