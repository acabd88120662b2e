import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Web sessions: the SHA-256 of each signed-in browser's cookie, its user and its expiry. */
export class WebSessions1795800411063 implements MigrationInterface {
  name = 'WebSessions1795800411063';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "web_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_3ae6bbf6cb5ac95b7f617d395d3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "web_sessions_user_idx" ON "web_sessions"  ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "web_sessions_hash_key" ON "web_sessions"  ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "web_sessions_expires_idx" ON "web_sessions"  ("expires_at") `);
    await queryRunner.query(
      `ALTER TABLE "web_sessions" ADD CONSTRAINT "web_sessions_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "web_sessions" DROP CONSTRAINT "web_sessions_user_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."web_sessions_expires_idx"`);
    await queryRunner.query(`DROP INDEX "public"."web_sessions_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."web_sessions_user_idx"`);
    await queryRunner.query(`DROP TABLE "web_sessions"`);
  }
}
