import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a projection holds when one event cannot be applied: the event (its
 * position, id, stream, type) and the error, until an admin retries or skips
 * it (src/projections/projections-admin.cli.ts). NULL blocked_at: not blocked.
 */
export class AddProjectionBlock1767400000000 implements MigrationInterface {
  name = 'AddProjectionBlock1767400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE rm_checkpoints
        ADD COLUMN blocked_at       timestamptz NULL,
        ADD COLUMN blocked_position bigint NULL,
        ADD COLUMN blocked_event_id text NULL,
        ADD COLUMN blocked_stream   text NULL,
        ADD COLUMN blocked_type     text NULL,
        ADD COLUMN blocked_error    text NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE rm_checkpoints
        DROP COLUMN blocked_at, DROP COLUMN blocked_position, DROP COLUMN blocked_event_id,
        DROP COLUMN blocked_stream, DROP COLUMN blocked_type, DROP COLUMN blocked_error`);
  }
}
