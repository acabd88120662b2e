import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The job outbox (with its commit-time NOTIFY for the relay) and the ping table. */
export class Foundation1764244800000 implements MigrationInterface {
  name = 'Foundation1764244800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "outbox_job" (
        "id" bigserial NOT NULL,
        "job_id" text NOT NULL,
        "queue" text NOT NULL,
        "name" text NOT NULL,
        "data" jsonb NOT NULL,
        "correlation_id" text,
        "delay_ms" integer NOT NULL DEFAULT 0,
        "available_at" timestamptz NOT NULL DEFAULT now(),
        "relay_attempts" integer NOT NULL DEFAULT 0,
        "last_error" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_outbox_job" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_outbox_job_job_id" UNIQUE ("job_id")
      )`);
    await queryRunner.query(`CREATE INDEX "outbox_job_due_idx" ON "outbox_job" ("available_at", "id")`);
    await queryRunner.query(`
      CREATE FUNCTION "outbox_job_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('claimdesk_outbox', '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "outbox_job_notify" AFTER INSERT ON "outbox_job"
      FOR EACH STATEMENT EXECUTE FUNCTION "outbox_job_notify"()`);

    await queryRunner.query(`
      CREATE TABLE "system_ping" (
        "id" uuid NOT NULL,
        "requested_at" timestamptz NOT NULL DEFAULT now(),
        "processed_at" timestamptz,
        "processed_on" text,
        "times_processed" integer NOT NULL DEFAULT 0,
        CONSTRAINT "PK_system_ping" PRIMARY KEY ("id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "system_ping"`);
    await queryRunner.query(`DROP TRIGGER "outbox_job_notify" ON "outbox_job"`);
    await queryRunner.query(`DROP FUNCTION "outbox_job_notify"()`);
    await queryRunner.query(`DROP TABLE "outbox_job"`);
  }
}
