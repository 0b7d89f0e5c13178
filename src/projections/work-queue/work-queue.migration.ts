import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The queue and the indexes its query walks: every list is "scope, optional
 * filters, ORDER BY due_at NULLS LAST, case_id" (btree ASC puts NULLs last),
 * so each scope has an index ending in (due_at, case_id) and a page is an
 * index range scan however many cases are open.
 */
export class CreateWorkQueue1767225600100 implements MigrationInterface {
  name = 'CreateWorkQueue1767225600100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_work_queue (
        case_id               text PRIMARY KEY,
        region                text NOT NULL,
        provider_org          text NOT NULL,
        sc_org                text NULL,
        service               text NOT NULL,
        channel               text NOT NULL,
        regulation_version_id text NOT NULL,
        step_id               text NOT NULL,
        step_action           text NOT NULL,
        step_role             text NOT NULL,
        step_since            timestamptz NOT NULL,
        due_at                timestamptz NULL,
        due_explanation       text NULL,
        executor_id           text NULL,
        received_at           timestamptz NOT NULL,
        revision              int NOT NULL,
        position              bigint NOT NULL
      )`);
    // Oversight: a whole region.
    await q.query('CREATE INDEX rm_work_queue_region_due ON rm_work_queue (region, due_at, case_id)');
    // Provider staff, with or without a role filter.
    await q.query('CREATE INDEX rm_work_queue_provider_due ON rm_work_queue (provider_org, due_at, case_id)');
    await q.query('CREATE INDEX rm_work_queue_provider_role_due ON rm_work_queue (provider_org, step_role, due_at, case_id)');
    // State Corporation operators.
    await q.query('CREATE INDEX rm_work_queue_sc_due ON rm_work_queue (sc_org, step_role, due_at, case_id) WHERE sc_org IS NOT NULL');
    // "Assigned to me" (after a visa).
    await q.query('CREATE INDEX rm_work_queue_executor_due ON rm_work_queue (executor_id, due_at, case_id) WHERE executor_id IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rm_work_queue');
  }
}
