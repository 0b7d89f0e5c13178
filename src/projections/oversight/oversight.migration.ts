import type { MigrationInterface, QueryRunner } from 'typeorm';
import { caseTrackDdl } from '../step-timeline/case-track.schema';

export class CreateOversight1767312060000 implements MigrationInterface {
  name = 'CreateOversight1767312060000';

  async up(q: QueryRunner): Promise<void> {
    for (const ddl of caseTrackDdl('rm_oversight')) await q.query(ddl);
    // Case counts by the month of receipt and of closing, read from the indexes alone.
    await q.query(
      'CREATE INDEX rm_oversight_cases_received ON rm_oversight_cases (region, received_month, provider_org, service) INCLUDE (outcome)',
    );
    await q.query(
      'CREATE INDEX rm_oversight_cases_closed ON rm_oversight_cases (region, closed_month, provider_org, service) INCLUDE (outcome) WHERE closed_month IS NOT NULL',
    );
    await q.query(`
      CREATE TABLE rm_oversight_step_facts (
        case_id                text NOT NULL,
        row_key                text NOT NULL,
        region                 text NOT NULL,
        provider_org           text NOT NULL,
        service                text NOT NULL,
        channel                text NOT NULL,
        kind                   text NOT NULL,
        step_id                text NOT NULL,
        action                 text NOT NULL,
        role                   text NOT NULL,
        month                  text NOT NULL,
        started_at             timestamptz NOT NULL,
        ended_at               timestamptz NOT NULL,
        due_at                 timestamptz NULL,
        term_value             float8 NULL,
        term_unit              text NULL,
        allowed_office_minutes float8 NULL,
        elapsed_office_minutes float8 NULL,
        overrun_minutes        float8 NULL,
        overrun_basis          text NULL,
        status                 text NOT NULL,
        actor_id               text NULL,
        actor_role             text NULL,
        closed_by              text NULL,
        PRIMARY KEY (case_id, row_key)
      )`);
    // Every query is scoped by region and a month range. The statistics group in this
    // index's order and read only it (no heap access, no sort before the aggregates);
    // breaches are listed newest first.
    await q.query(`
      CREATE INDEX rm_oversight_facts_scope ON rm_oversight_step_facts
        (region, month, provider_org, service, channel, step_id, action, role, term_value, term_unit, allowed_office_minutes)
        INCLUDE (status, elapsed_office_minutes, overrun_minutes)`);
    await q.query(
      `CREATE INDEX rm_oversight_facts_breaches ON rm_oversight_step_facts (region, ended_at DESC, case_id, row_key) WHERE status = 'late'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rm_oversight_step_facts, rm_oversight_cases, rm_oversight_plans');
  }
}
