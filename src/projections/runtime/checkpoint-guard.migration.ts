import { MigrationInterface, QueryRunner } from 'typeorm';
import { CHECKPOINT_MOVED, REBUILD_REQUESTED } from './checkpoint-guard';

/**
 * The fence a live batch sends just before its first write, in SQL so that it
 * can travel in the same round trip as that write, or as the checkpoint's move
 * and COMMIT when the batch writes nothing: locks the checkpoint row, and fails
 * the transaction (its own SQLSTATEs) unless the checkpoint is where the runner
 * left it and no rebuild asks for the projection.
 */
export class CreateCheckpointGuard1767700000000 implements MigrationInterface {
  name = 'CreateCheckpointGuard1767700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION rm_checkpoint_guard(p_projection text, p_expected bigint) RETURNS void
      LANGUAGE plpgsql AS $guard$
      DECLARE
        found_position bigint;
        requested_at   timestamptz;
      BEGIN
        SELECT position, rebuild_requested_at INTO found_position, requested_at
          FROM rm_checkpoints WHERE projection = p_projection FOR UPDATE;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'checkpoint of projection "%" is missing', p_projection;
        END IF;
        IF found_position <> p_expected THEN
          RAISE EXCEPTION 'checkpoint moved from % to % under this instance: another instance runs the projection',
            p_expected, found_position USING ERRCODE = '${CHECKPOINT_MOVED}';
        END IF;
        IF requested_at IS NOT NULL THEN
          RAISE EXCEPTION 'a rebuild asks for projection "%"', p_projection USING ERRCODE = '${REBUILD_REQUESTED}';
        END IF;
      END
      $guard$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION IF EXISTS rm_checkpoint_guard(text, bigint)');
  }
}
