import type { MigrationInterface, QueryRunner } from 'typeorm';
import { caseTrackDdl } from './case-track.schema';

export class CreateStepTimeline1767312000000 implements MigrationInterface {
  name = 'CreateStepTimeline1767312000000';

  async up(q: QueryRunner): Promise<void> {
    for (const ddl of caseTrackDdl('rm_step_timeline')) await q.query(ddl);
    await q.query(`
      CREATE TABLE rm_step_timeline (
        case_id                text NOT NULL,
        row_key                text NOT NULL,
        seq                    int NOT NULL,
        kind                   text NOT NULL,
        step_id                text NOT NULL,
        action                 text NOT NULL,
        role                   text NOT NULL,
        within_step            text NULL,
        term_value             float8 NULL,
        term_unit              text NULL,
        term_note              text NULL,
        due_at                 timestamptz NULL,
        due_explanation        text NULL,
        started_at             timestamptz NOT NULL,
        ended_at               timestamptz NOT NULL,
        elapsed_office_minutes float8 NULL,
        allowed_office_minutes float8 NULL,
        overrun_minutes        float8 NULL,
        overrun_basis          text NULL,
        status                 text NOT NULL,
        actor_id               text NULL,
        actor_role             text NULL,
        closed_by              text NULL,
        PRIMARY KEY (case_id, row_key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rm_step_timeline, rm_step_timeline_cases, rm_step_timeline_plans');
  }
}
