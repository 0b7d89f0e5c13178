import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProjectionCheckpoints1767225600000 implements MigrationInterface {
  name = 'CreateProjectionCheckpoints1767225600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_checkpoints (
        projection           text PRIMARY KEY,
        position             bigint NOT NULL DEFAULT 0,
        updated_at           timestamptz NOT NULL DEFAULT now(),
        last_error           text NULL,
        last_error_at        timestamptz NULL,
        failed_attempts      int NOT NULL DEFAULT 0,
        rebuild_requested_at timestamptz NULL,
        rebuilt_at           timestamptz NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rm_checkpoints');
  }
}
