import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One table for every check of text cited from a source, owned by checking:
 * an appearance's quote (`appearances.quote_*`) and a piece of evidence's
 * excerpt (`evidence.excerpt_*`) were checked alike but stored apart under
 * drifted names. Every check is copied, with the citation's claim, source,
 * text and creation time, before the old columns go.
 */
export class QuoteChecks1796600000000 implements MigrationInterface {
  name = 'QuoteChecks1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "quote_checks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "appearance_id" uuid, "evidence_id" uuid, "claim_id" uuid NOT NULL, "source_id" uuid NOT NULL, "quote" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "score" real, "snapshot_id" uuid, "start" integer, "end" integer, "excerpt" text, "diff" jsonb, "checked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "quote_checks_offsets_check" CHECK ("start" IS NULL OR ("start" >= 0 AND "end" >= "start")), CONSTRAINT "quote_checks_score_check" CHECK ("score" IS NULL OR "score" BETWEEN 0 AND 1), CONSTRAINT "quote_checks_status_check" CHECK ("status" IN ('pending', 'found', 'approximate', 'not_found', 'source_unavailable')), CONSTRAINT "quote_checks_target_check" CHECK (num_nonnulls("appearance_id", "evidence_id") = 1), CONSTRAINT "quote_checks_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "quote_checks_appearance_key" ON "quote_checks" ("appearance_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "quote_checks_evidence_key" ON "quote_checks" ("evidence_id") `);
    await queryRunner.query(`CREATE INDEX "quote_checks_source_idx" ON "quote_checks" ("source_id") `);
    await queryRunner.query(
      `ALTER TABLE "quote_checks" ADD CONSTRAINT "quote_checks_appearance_fkey" FOREIGN KEY ("appearance_id") REFERENCES "appearances"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "quote_checks" ADD CONSTRAINT "quote_checks_evidence_fkey" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "quote_checks" ADD CONSTRAINT "quote_checks_claim_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "quote_checks" ADD CONSTRAINT "quote_checks_source_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "quote_checks" ADD CONSTRAINT "quote_checks_snapshot_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "source_snapshots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Every check kept: a quote or excerpt with a status has a check; one without has nothing to check.
    await queryRunner.query(
      `INSERT INTO "quote_checks" ("appearance_id", "claim_id", "source_id", "quote", "status", "score", "snapshot_id",
                                   "start", "end", "excerpt", "diff", "checked_at", "created_at")
       SELECT "id", "claim_id", "source_id", "quote", "quote_status", "quote_score", "quote_snapshot_id",
              "quote_start", "quote_end", "quote_excerpt", "quote_diff", "quote_checked_at", "created_at"
         FROM "appearances" WHERE "quote_status" IS NOT NULL`,
    );
    await queryRunner.query(
      `INSERT INTO "quote_checks" ("evidence_id", "claim_id", "source_id", "quote", "status", "score", "snapshot_id",
                                   "start", "end", "excerpt", "diff", "checked_at", "created_at")
       SELECT "id", "claim_id", "source_id", "excerpt", "excerpt_status", "excerpt_score", "excerpt_snapshot_id",
              "excerpt_start", "excerpt_end", "excerpt_match", "excerpt_diff", "excerpt_checked_at", "created_at"
         FROM "evidence" WHERE "excerpt_status" IS NOT NULL`,
    );
    // For the sweep for lost jobs, as the indexes it replaces (see the pending-work-indexes migration).
    await queryRunner.query(
      `CREATE INDEX "quote_checks_pending_idx" ON "quote_checks" ("created_at", "id") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(`DROP INDEX "appearances_quote_pending_idx"`);
    await queryRunner.query(`DROP INDEX "evidence_excerpt_pending_idx"`);
    await queryRunner.query(`ALTER TABLE "appearances" DROP CONSTRAINT "appearances_quote_snapshot_fkey"`);
    await queryRunner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "evidence_excerpt_snapshot_fkey"`);
    await queryRunner.query(
      `ALTER TABLE "appearances" DROP COLUMN "quote_status", DROP COLUMN "quote_score", DROP COLUMN "quote_snapshot_id",
         DROP COLUMN "quote_start", DROP COLUMN "quote_end", DROP COLUMN "quote_excerpt", DROP COLUMN "quote_diff",
         DROP COLUMN "quote_checked_at"`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence" DROP COLUMN "excerpt_status", DROP COLUMN "excerpt_score", DROP COLUMN "excerpt_snapshot_id",
         DROP COLUMN "excerpt_start", DROP COLUMN "excerpt_end", DROP COLUMN "excerpt_match", DROP COLUMN "excerpt_diff",
         DROP COLUMN "excerpt_checked_at"`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "appearances" ADD "quote_status" text, ADD "quote_score" real, ADD "quote_snapshot_id" uuid,
         ADD "quote_start" integer, ADD "quote_end" integer, ADD "quote_excerpt" text, ADD "quote_diff" jsonb,
         ADD "quote_checked_at" TIMESTAMP WITH TIME ZONE,
         ADD CONSTRAINT "appearances_quote_offsets_check" CHECK ("quote_start" IS NULL OR ("quote_start" >= 0 AND "quote_end" >= "quote_start")),
         ADD CONSTRAINT "appearances_quote_score_check" CHECK ("quote_score" IS NULL OR "quote_score" BETWEEN 0 AND 1),
         ADD CONSTRAINT "appearances_quote_status_check" CHECK ("quote_status" IN ('pending', 'found', 'approximate', 'not_found', 'source_unavailable'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence" ADD "excerpt_status" text, ADD "excerpt_score" real, ADD "excerpt_snapshot_id" uuid,
         ADD "excerpt_start" integer, ADD "excerpt_end" integer, ADD "excerpt_match" text, ADD "excerpt_diff" jsonb,
         ADD "excerpt_checked_at" TIMESTAMP WITH TIME ZONE,
         ADD CONSTRAINT "evidence_excerpt_score_check" CHECK ("excerpt_score" IS NULL OR "excerpt_score" BETWEEN 0 AND 1),
         ADD CONSTRAINT "evidence_excerpt_status_check" CHECK ("excerpt_status" IN ('pending', 'found', 'approximate', 'not_found', 'source_unavailable'))`,
    );
    await queryRunner.query(
      `UPDATE "appearances" a
          SET "quote_status" = q."status", "quote_score" = q."score", "quote_snapshot_id" = q."snapshot_id",
              "quote_start" = q."start", "quote_end" = q."end", "quote_excerpt" = q."excerpt", "quote_diff" = q."diff",
              "quote_checked_at" = q."checked_at"
         FROM "quote_checks" q WHERE q."appearance_id" = a."id"`,
    );
    await queryRunner.query(
      `UPDATE "evidence" e
          SET "excerpt_status" = q."status", "excerpt_score" = q."score", "excerpt_snapshot_id" = q."snapshot_id",
              "excerpt_start" = q."start", "excerpt_end" = q."end", "excerpt_match" = q."excerpt",
              "excerpt_diff" = q."diff", "excerpt_checked_at" = q."checked_at"
         FROM "quote_checks" q WHERE q."evidence_id" = e."id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appearances" ADD CONSTRAINT "appearances_quote_snapshot_fkey" FOREIGN KEY ("quote_snapshot_id") REFERENCES "source_snapshots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence" ADD CONSTRAINT "evidence_excerpt_snapshot_fkey" FOREIGN KEY ("excerpt_snapshot_id") REFERENCES "source_snapshots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE INDEX "appearances_quote_pending_idx" ON "appearances" ("created_at", "id") WHERE "quote_status" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX "evidence_excerpt_pending_idx" ON "evidence" ("created_at", "id") WHERE "excerpt_status" = 'pending'`,
    );
    await queryRunner.query(`DROP TABLE "quote_checks"`);
  }
}
