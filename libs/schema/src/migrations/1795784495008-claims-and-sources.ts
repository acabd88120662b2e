import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts, sources and their snapshots, claimants, claims and their
 * appearances, the audit trail, idempotency keys. Generated from the entities,
 * then completed by hand below: pg_trgm, the search and fingerprint indexes,
 * and the append-only tables (events, source_snapshots) with the triggers that
 * make the database itself refuse to change them.
 */

export class ClaimsAndSources1795784495008 implements MigrationInterface {
  name = 'ClaimsAndSources1795784495008';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "name" text NOT NULL, "role" text NOT NULL, "password_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "users_email_lowercase_check" CHECK ("email" = lower("email")), CONSTRAINT "users_role_check" CHECK ("role" IN ('submitter', 'reviewer', 'editor', 'admin')), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "users_email_key" ON "users"  ("email") `);
    await queryRunner.query(
      `CREATE TABLE "api_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "name" text NOT NULL, "token_hash" text NOT NULL, "token_prefix" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_c587455266b5fa8dace7194caac" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "api_tokens_user_idx" ON "api_tokens"  ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "api_tokens_hash_key" ON "api_tokens"  ("token_hash") `);
    await queryRunner.query(
      `CREATE TABLE "sources" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "url" text NOT NULL, "normalized_url" text NOT NULL, "title" text, "publisher" text, "published_at" TIMESTAMP WITH TIME ZONE, "fetch_status" text NOT NULL DEFAULT 'pending', "fetch_error" text, "fetch_attempts" integer NOT NULL DEFAULT '0', "last_fetched_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "sources_fetch_status_check" CHECK ("fetch_status" IN ('pending', 'fetched', 'failed', 'changed')), CONSTRAINT "PK_85523beafe5a2a6b90b02096443" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "sources_normalized_url_key" ON "sources"  ("normalized_url") `);
    await queryRunner.query(
      `CREATE TABLE "source_snapshots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "source_id" uuid NOT NULL, "fetched_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "http_status" integer, "final_url" text, "content_type" text, "sha256" text NOT NULL, "title" text, "text" text NOT NULL, "text_length" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7b2ec666fe232fb99b38be148f1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "source_snapshots_source_idx" ON "source_snapshots"  ("source_id", "fetched_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "claimants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "normalized_name" text NOT NULL, "role" text, "aliases" text array NOT NULL DEFAULT '{}'::text[], "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_11248b1b3289a67527247dc33ef" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "claimants_normalized_name_key" ON "claimants"  ("normalized_name") `);
    await queryRunner.query(
      `CREATE TABLE "claims" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "text" text NOT NULL, "normalized_text" text NOT NULL, "text_hash" text NOT NULL, "fingerprint" integer array NOT NULL, "claimant_id" uuid, "claim_date" date, "language" text NOT NULL DEFAULT 'en', "tags" text array NOT NULL DEFAULT '{}'::text[], "status" text NOT NULL DEFAULT 'submitted', "check_worthiness" real, "version" integer NOT NULL DEFAULT '1', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "claims_version_check" CHECK ("version" >= 1), CONSTRAINT "claims_text_check" CHECK (length("text") BETWEEN 1 AND 5000), CONSTRAINT "claims_language_check" CHECK ("language" ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'), CONSTRAINT "claims_status_check" CHECK ("status" IN ('submitted', 'in_review', 'awaiting_approval', 'published', 'rejected')), CONSTRAINT "PK_96c91970c0dcb2f69fdccd0a698" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "claims_text_hash_idx" ON "claims"  ("text_hash") `);
    await queryRunner.query(
      `CREATE INDEX "claims_claimant_created_idx" ON "claims"  ("claimant_id", "created_at", "id") `,
    );
    await queryRunner.query(`CREATE INDEX "claims_status_created_idx" ON "claims"  ("status", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "claims_created_idx" ON "claims"  ("created_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "appearances" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "claim_id" uuid NOT NULL, "source_id" uuid NOT NULL, "quote" text, "quote_status" text, "quote_score" real, "quote_snapshot_id" uuid, "quote_start" integer, "quote_end" integer, "quote_excerpt" text, "quote_diff" jsonb, "quote_checked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "appearances_quote_offsets_check" CHECK ("quote_start" IS NULL OR ("quote_start" >= 0 AND "quote_end" >= "quote_start")), CONSTRAINT "appearances_quote_score_check" CHECK ("quote_score" IS NULL OR "quote_score" BETWEEN 0 AND 1), CONSTRAINT "appearances_quote_status_check" CHECK ("quote_status" IN ('pending', 'found', 'approximate', 'not_found', 'source_unavailable')), CONSTRAINT "PK_0ad92ffd5fb6882e4f27f729c63" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "appearances_claim_idx" ON "appearances"  ("claim_id") `);
    await queryRunner.query(`CREATE INDEX "appearances_source_idx" ON "appearances"  ("source_id") `);
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("user_id" uuid NOT NULL, "key" text NOT NULL, "request_hash" text NOT NULL, "state" text NOT NULL, "response_status" integer, "response_body" json, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "idempotency_keys_state_check" CHECK ("state" IN ('in_progress', 'completed')), CONSTRAINT "PK_392b1af86f210d98d3f0c764728" PRIMARY KEY ("user_id", "key"))`,
    );
    await queryRunner.query(`CREATE INDEX "idempotency_keys_expires_idx" ON "idempotency_keys"  ("expires_at") `);
    await queryRunner.query(
      `ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sources" ADD CONSTRAINT "sources_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "source_snapshots" ADD CONSTRAINT "source_snapshots_source_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "claims" ADD CONSTRAINT "claims_claimant_fkey" FOREIGN KEY ("claimant_id") REFERENCES "claimants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "claims" ADD CONSTRAINT "claims_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appearances" ADD CONSTRAINT "appearances_claim_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appearances" ADD CONSTRAINT "appearances_source_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appearances" ADD CONSTRAINT "appearances_quote_snapshot_fkey" FOREIGN KEY ("quote_snapshot_id") REFERENCES "source_snapshots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await queryRunner.query(
      `CREATE INDEX "claims_search_idx" ON "claims" USING gin (to_tsvector('simple', "normalized_text"))`,
    );
    // Small GIN pending lists: inserts still batch their index entries, and a
    // lookup never scans more than 256 kB of them (the default is 4 MB).
    await queryRunner.query(
      `CREATE INDEX "claims_fingerprint_idx" ON "claims" USING gin ("fingerprint") WITH (gin_pending_list_limit = 256)`,
    );
    await queryRunner.query(
      `CREATE INDEX "claims_tags_idx" ON "claims" USING gin ("tags") WITH (gin_pending_list_limit = 256)`,
    );

    await queryRunner.query(`
          CREATE FUNCTION "refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
          END $$`);
    for (const table of ['source_snapshots', 'events']) {
      if (table === 'events') {
        await queryRunner.query(`
              CREATE TABLE "events" (
                "id" bigserial NOT NULL,
                "claim_id" uuid,
                "source_id" uuid,
                "actor_id" uuid,
                "action" text NOT NULL,
                "from_status" text,
                "to_status" text,
                "data" jsonb NOT NULL DEFAULT '{}'::jsonb,
                "at" timestamptz NOT NULL DEFAULT clock_timestamp(),
                CONSTRAINT "PK_events" PRIMARY KEY ("id"),
                CONSTRAINT "events_claim_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id"),
                CONSTRAINT "events_source_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id"),
                CONSTRAINT "events_actor_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id"),
                CONSTRAINT "events_action_check" CHECK ("action" ~ '^[a-z_]+(\\.[a-z_]+)+$')
              )`);
        await queryRunner.query(
          `CREATE INDEX "events_claim_idx" ON "events" ("claim_id", "id") WHERE "claim_id" IS NOT NULL`,
        );
        await queryRunner.query(
          `CREATE INDEX "events_source_idx" ON "events" ("source_id", "id") WHERE "source_id" IS NOT NULL`,
        );
      }
      await queryRunner.query(
        `CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "refuse_change"()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "events"`);
    await queryRunner.query(`DROP TRIGGER "source_snapshots_append_only" ON "source_snapshots"`);
    await queryRunner.query(`DROP TRIGGER "source_snapshots_no_truncate" ON "source_snapshots"`);
    await queryRunner.query(`DROP FUNCTION "refuse_change"()`);
    await queryRunner.query(`DROP INDEX "public"."claims_tags_idx"`);
    await queryRunner.query(`DROP INDEX "public"."claims_fingerprint_idx"`);
    await queryRunner.query(`DROP INDEX "public"."claims_search_idx"`);
    await queryRunner.query(`ALTER TABLE "appearances" DROP CONSTRAINT "appearances_quote_snapshot_fkey"`);
    await queryRunner.query(`ALTER TABLE "appearances" DROP CONSTRAINT "appearances_source_fkey"`);
    await queryRunner.query(`ALTER TABLE "appearances" DROP CONSTRAINT "appearances_claim_fkey"`);
    await queryRunner.query(`ALTER TABLE "claims" DROP CONSTRAINT "claims_created_by_fkey"`);
    await queryRunner.query(`ALTER TABLE "claims" DROP CONSTRAINT "claims_claimant_fkey"`);
    await queryRunner.query(`ALTER TABLE "source_snapshots" DROP CONSTRAINT "source_snapshots_source_fkey"`);
    await queryRunner.query(`ALTER TABLE "sources" DROP CONSTRAINT "sources_created_by_fkey"`);
    await queryRunner.query(`ALTER TABLE "api_tokens" DROP CONSTRAINT "api_tokens_user_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."idempotency_keys_expires_idx"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
    await queryRunner.query(`DROP INDEX "public"."appearances_source_idx"`);
    await queryRunner.query(`DROP INDEX "public"."appearances_claim_idx"`);
    await queryRunner.query(`DROP TABLE "appearances"`);
    await queryRunner.query(`DROP INDEX "public"."claims_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."claims_status_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."claims_claimant_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."claims_text_hash_idx"`);
    await queryRunner.query(`DROP TABLE "claims"`);
    await queryRunner.query(`DROP INDEX "public"."claimants_normalized_name_key"`);
    await queryRunner.query(`DROP TABLE "claimants"`);
    await queryRunner.query(`DROP INDEX "public"."source_snapshots_source_idx"`);
    await queryRunner.query(`DROP TABLE "source_snapshots"`);
    await queryRunner.query(`DROP INDEX "public"."sources_normalized_url_key"`);
    await queryRunner.query(`DROP TABLE "sources"`);
    await queryRunner.query(`DROP INDEX "public"."api_tokens_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."api_tokens_user_idx"`);
    await queryRunner.query(`DROP TABLE "api_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."users_email_key"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP EXTENSION IF EXISTS pg_trgm`);
  }
}
