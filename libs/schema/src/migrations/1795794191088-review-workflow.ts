import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The review workflow: reviewer assignments, evidence with its excerpt check,
 * verdicts (one per reviewer per claim version), published review versions,
 * webhook subscriptions and deliveries; on claims, the duplicate a rejected
 * claim names and the version whose verdicts disagree.
 */
export class ReviewWorkflow1795794191088 implements MigrationInterface {
  name = 'ReviewWorkflow1795794191088';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "assignments" ("claim_id" uuid NOT NULL, "reviewer_id" uuid NOT NULL, "assigned_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_19a0cd3e978b80795fa37a4f695" PRIMARY KEY ("claim_id", "reviewer_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "assignments_reviewer_idx" ON "assignments"  ("reviewer_id", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "evidence" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "claim_id" uuid NOT NULL, "source_id" uuid NOT NULL, "stance" text NOT NULL, "excerpt" text, "note" text, "excerpt_status" text, "excerpt_score" real, "excerpt_snapshot_id" uuid, "excerpt_start" integer, "excerpt_end" integer, "excerpt_match" text, "excerpt_diff" jsonb, "excerpt_checked_at" TIMESTAMP WITH TIME ZONE, "added_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "evidence_excerpt_score_check" CHECK ("excerpt_score" IS NULL OR "excerpt_score" BETWEEN 0 AND 1), CONSTRAINT "evidence_excerpt_status_check" CHECK ("excerpt_status" IN ('pending', 'found', 'approximate', 'not_found', 'source_unavailable')), CONSTRAINT "evidence_stance_check" CHECK ("stance" IN ('supports', 'refutes', 'context')), CONSTRAINT "PK_b864cb5d49854f89917fc0b44b9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "evidence_source_idx" ON "evidence"  ("source_id") `);
    await queryRunner.query(`CREATE INDEX "evidence_claim_idx" ON "evidence"  ("claim_id", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "reviews" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "claim_id" uuid NOT NULL, "version" integer NOT NULL, "claim_version" integer NOT NULL, "rating" text NOT NULL, "summary" text NOT NULL, "correction_note" text, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_by" uuid, CONSTRAINT "reviews_rating_check" CHECK ("rating" IN ('true', 'mostly_true', 'half_true', 'misleading', 'mostly_false', 'false', 'unverifiable')), CONSTRAINT "reviews_correction_check" CHECK ("version" = 1 OR "correction_note" IS NOT NULL), CONSTRAINT "reviews_version_check" CHECK ("version" >= 1), CONSTRAINT "PK_231ae565c273ee700b283f15c1d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "reviews_published_idx" ON "reviews"  ("published_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "reviews_claim_version_key" ON "reviews"  ("claim_id", "version") `);
    await queryRunner.query(
      `CREATE TABLE "verdicts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "claim_id" uuid NOT NULL, "claim_version" integer NOT NULL, "reviewer_id" uuid NOT NULL, "rating" text NOT NULL, "rationale" text NOT NULL, "evidence_ids" uuid array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "verdicts_rating_check" CHECK ("rating" IN ('true', 'mostly_true', 'half_true', 'misleading', 'mostly_false', 'false', 'unverifiable')), CONSTRAINT "PK_2c4a14769fb5ae0dac9cafbb941" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "verdicts_claim_version_reviewer_key" ON "verdicts"  ("claim_id", "claim_version", "reviewer_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_subscriptions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "url" text NOT NULL, "events" text array NOT NULL, "secret" text NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_bf631ae77d39849d599817fb6f4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "subscription_id" uuid NOT NULL, "event" text NOT NULL, "body" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "response_status" integer, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "webhook_deliveries_status_check" CHECK ("status" IN ('pending', 'delivered', 'failed')), CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "webhook_deliveries_subscription_idx" ON "webhook_deliveries"  ("subscription_id", "created_at") `,
    );
    await queryRunner.query(`ALTER TABLE "claims" ADD "duplicate_of" uuid`);
    await queryRunner.query(`ALTER TABLE "claims" ADD "disagreement_version" integer`);
    await queryRunner.query(
      `ALTER TABLE "claims" ADD CONSTRAINT "claims_duplicate_of_fkey" FOREIGN KEY ("duplicate_of") REFERENCES "claims"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" ADD CONSTRAINT "assignments_claim_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" ADD CONSTRAINT "assignments_reviewer_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" ADD CONSTRAINT "assignments_assigned_by_fkey" FOREIGN KEY ("assigned_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence" ADD CONSTRAINT "evidence_claim_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence" ADD CONSTRAINT "evidence_source_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence" ADD CONSTRAINT "evidence_excerpt_snapshot_fkey" FOREIGN KEY ("excerpt_snapshot_id") REFERENCES "source_snapshots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence" ADD CONSTRAINT "evidence_added_by_fkey" FOREIGN KEY ("added_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reviews" ADD CONSTRAINT "reviews_claim_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reviews" ADD CONSTRAINT "reviews_published_by_fkey" FOREIGN KEY ("published_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "verdicts" ADD CONSTRAINT "verdicts_claim_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "verdicts" ADD CONSTRAINT "verdicts_reviewer_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "webhook_subscriptions_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_subscription_fkey" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscriptions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "webhook_deliveries_subscription_fkey"`);
    await queryRunner.query(
      `ALTER TABLE "webhook_subscriptions" DROP CONSTRAINT "webhook_subscriptions_created_by_fkey"`,
    );
    await queryRunner.query(`ALTER TABLE "verdicts" DROP CONSTRAINT "verdicts_reviewer_fkey"`);
    await queryRunner.query(`ALTER TABLE "verdicts" DROP CONSTRAINT "verdicts_claim_fkey"`);
    await queryRunner.query(`ALTER TABLE "reviews" DROP CONSTRAINT "reviews_published_by_fkey"`);
    await queryRunner.query(`ALTER TABLE "reviews" DROP CONSTRAINT "reviews_claim_fkey"`);
    await queryRunner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "evidence_added_by_fkey"`);
    await queryRunner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "evidence_excerpt_snapshot_fkey"`);
    await queryRunner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "evidence_source_fkey"`);
    await queryRunner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "evidence_claim_fkey"`);
    await queryRunner.query(`ALTER TABLE "assignments" DROP CONSTRAINT "assignments_assigned_by_fkey"`);
    await queryRunner.query(`ALTER TABLE "assignments" DROP CONSTRAINT "assignments_reviewer_fkey"`);
    await queryRunner.query(`ALTER TABLE "assignments" DROP CONSTRAINT "assignments_claim_fkey"`);
    await queryRunner.query(`ALTER TABLE "claims" DROP CONSTRAINT "claims_duplicate_of_fkey"`);
    await queryRunner.query(`ALTER TABLE "claims" DROP COLUMN "disagreement_version"`);
    await queryRunner.query(`ALTER TABLE "claims" DROP COLUMN "duplicate_of"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_subscription_idx"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP TABLE "webhook_subscriptions"`);
    await queryRunner.query(`DROP INDEX "public"."verdicts_claim_version_reviewer_key"`);
    await queryRunner.query(`DROP TABLE "verdicts"`);
    await queryRunner.query(`DROP INDEX "public"."reviews_claim_version_key"`);
    await queryRunner.query(`DROP INDEX "public"."reviews_published_idx"`);
    await queryRunner.query(`DROP TABLE "reviews"`);
    await queryRunner.query(`DROP INDEX "public"."evidence_claim_idx"`);
    await queryRunner.query(`DROP INDEX "public"."evidence_source_idx"`);
    await queryRunner.query(`DROP TABLE "evidence"`);
    await queryRunner.query(`DROP INDEX "public"."assignments_reviewer_idx"`);
    await queryRunner.query(`DROP TABLE "assignments"`);
  }
}
