import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claim extraction: whether a source's snapshots are extracted, and the
 * candidate claims proposed from them, listed per source best first (score
 * descending, then the extractor's rank), each at most once per snapshot and span.
 */
export class ClaimCandidates1795820000000 implements MigrationInterface {
  name = 'ClaimCandidates1795820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sources" ADD "extract_claims" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(
      `CREATE TABLE "claim_candidates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "source_id" uuid NOT NULL, "snapshot_id" uuid NOT NULL, "kind" text NOT NULL, "text" text NOT NULL, "start" integer NOT NULL, "end" integer NOT NULL, "sentence_start" integer NOT NULL, "sentence_end" integer NOT NULL, "speaker_name" text, "speaker_role" text, "speaker_anonymous" boolean, "score" real NOT NULL, "features" jsonb NOT NULL DEFAULT '{}', "rank" integer NOT NULL, "promoted_claim_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "claim_candidates_span_key" UNIQUE ("snapshot_id", "kind", "start", "end"), CONSTRAINT "claim_candidates_speaker_check" CHECK ("speaker_anonymous" IS NOT NULL OR ("speaker_name" IS NULL AND "speaker_role" IS NULL)), CONSTRAINT "claim_candidates_offsets_check" CHECK ("start" >= 0 AND "end" > "start" AND "sentence_start" >= 0 AND "sentence_end" > "sentence_start"), CONSTRAINT "claim_candidates_score_check" CHECK ("score" BETWEEN 0 AND 1), CONSTRAINT "claim_candidates_kind_check" CHECK ("kind" IN ('quote', 'reported', 'statement')), CONSTRAINT "PK_13ef5a53efb7b3a916f447961db" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "claim_candidates_source_rank_idx" ON "claim_candidates" ("source_id", "score" DESC, "rank", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "claim_candidates_promoted_idx" ON "claim_candidates"  ("promoted_claim_id") WHERE "promoted_claim_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "claim_candidates" ADD CONSTRAINT "claim_candidates_source_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "claim_candidates" ADD CONSTRAINT "claim_candidates_snapshot_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "source_snapshots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "claim_candidates" ADD CONSTRAINT "claim_candidates_promoted_claim_fkey" FOREIGN KEY ("promoted_claim_id") REFERENCES "claims"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "claim_candidates" DROP CONSTRAINT "claim_candidates_promoted_claim_fkey"`);
    await queryRunner.query(`ALTER TABLE "claim_candidates" DROP CONSTRAINT "claim_candidates_snapshot_fkey"`);
    await queryRunner.query(`ALTER TABLE "claim_candidates" DROP CONSTRAINT "claim_candidates_source_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."claim_candidates_promoted_idx"`);
    await queryRunner.query(`DROP INDEX "public"."claim_candidates_source_rank_idx"`);
    await queryRunner.query(`DROP TABLE "claim_candidates"`);
    await queryRunner.query(`ALTER TABLE "sources" DROP COLUMN "extract_claims"`);
  }
}
