import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts an admin can close and reopen: a deactivated user keeps their
 * rows (their claims, verdicts and events name them) but cannot log in or
 * call the API. Events gain the user they are about, so a change to an
 * account (deactivated, role changed, password reset) is on the audit trail.
 */
export class UserDeactivation1795846100000 implements MigrationInterface {
  name = 'UserDeactivation1795846100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "deactivated_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "events" ADD "user_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "events" ADD CONSTRAINT "events_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id")`,
    );
    await queryRunner.query(`CREATE INDEX "events_user_idx" ON "events" ("user_id", "id") WHERE "user_id" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."events_user_idx"`);
    await queryRunner.query(`ALTER TABLE "events" DROP CONSTRAINT "events_user_fkey"`);
    await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "user_id"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "deactivated_at"`);
  }
}
