import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OVERSIGHT_MONTHLY, OVERSIGHT_STEP_STATS, STEP_DIMENSIONS, STEP_STATS_AGGREGATES } from './oversight-rollups';

/**
 * The oversight rollups (oversight-rollups.ts says what they hold and why),
 * filled from the facts and cases of a database that already has them, so an
 * upgraded service answers from them at once, without a rebuild.
 */
export class CreateOversightRollups1767312060001 implements MigrationInterface {
  name = 'CreateOversightRollups1767312060001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ${OVERSIGHT_MONTHLY} (
        region                text NOT NULL,
        month                 text NOT NULL,
        provider_org          text NOT NULL,
        service               text NOT NULL,
        received              int NOT NULL DEFAULT 0,
        refused_at_acceptance int NOT NULL DEFAULT 0,
        completed             int NOT NULL DEFAULT 0,
        refused_service       int NOT NULL DEFAULT 0,
        facts                 int NOT NULL DEFAULT 0,
        measured              int NOT NULL DEFAULT 0,
        on_time               int NOT NULL DEFAULT 0,
        late                  int NOT NULL DEFAULT 0,
        not_regulated         int NOT NULL DEFAULT 0,
        PRIMARY KEY (region, month, provider_org, service)
      )`);
    await q.query(`
      CREATE TABLE ${OVERSIGHT_STEP_STATS} (
        group_key              text PRIMARY KEY,
        region                 text NOT NULL,
        month                  text NOT NULL,
        provider_org           text NOT NULL,
        service                text NOT NULL,
        channel                text NOT NULL,
        step_id                text NOT NULL,
        action                 text NOT NULL,
        role                   text NOT NULL,
        term_value             float8 NULL,
        term_unit              text NULL,
        allowed_office_minutes float8 NULL,
        ended                  int NOT NULL,
        measured               int NOT NULL,
        on_time                int NOT NULL,
        late                   int NOT NULL,
        not_regulated          int NOT NULL,
        max_overrun            float8 NULL,
        elapsed                float8[] NOT NULL
      )`);
    // The steps page: scoped by region and a month range, in this order.
    await q.query(`CREATE INDEX rm_oversight_step_stats_scope ON ${OVERSIGHT_STEP_STATS} (${STEP_DIMENSIONS})`);

    await q.query(`
      INSERT INTO ${OVERSIGHT_MONTHLY} (region, month, provider_org, service, received, refused_at_acceptance, completed, refused_service,
                                        facts, measured, on_time, late, not_regulated)
      SELECT region, month, provider_org, service, sum(received), sum(refused_at_acceptance), sum(completed), sum(refused_service),
             sum(facts), sum(measured), sum(on_time), sum(late), sum(not_regulated)
        FROM (
          SELECT region, received_month AS month, provider_org, service,
                 count(*) FILTER (WHERE outcome <> 'acceptance-refused') AS received,
                 count(*) FILTER (WHERE outcome = 'acceptance-refused') AS refused_at_acceptance,
                 0 AS completed, 0 AS refused_service, 0 AS facts, 0 AS measured, 0 AS on_time, 0 AS late, 0 AS not_regulated
            FROM rm_oversight_cases GROUP BY 1, 2, 3, 4
          UNION ALL
          SELECT region, closed_month, provider_org, service, 0, 0,
                 count(*) FILTER (WHERE outcome = 'completed'), count(*) FILTER (WHERE outcome = 'service-refused'), 0, 0, 0, 0, 0
            FROM rm_oversight_cases WHERE closed_month IS NOT NULL AND outcome IN ('completed', 'service-refused') GROUP BY 1, 2, 3, 4
          UNION ALL
          SELECT region, month, provider_org, service, 0, 0, 0, 0, count(*),
                 count(*) FILTER (WHERE status IN ('on-time', 'late')), count(*) FILTER (WHERE status = 'on-time'),
                 count(*) FILTER (WHERE status = 'late'), count(*) FILTER (WHERE status = 'not-regulated')
            FROM rm_oversight_step_facts GROUP BY 1, 2, 3, 4
        ) parts
       GROUP BY region, month, provider_org, service`);
    await q.query(`
      INSERT INTO ${OVERSIGHT_STEP_STATS} (group_key, ${STEP_DIMENSIONS}, ended, measured, on_time, late, not_regulated, max_overrun, elapsed)
      SELECT json_build_array(${STEP_DIMENSIONS})::text, ${STEP_DIMENSIONS}, ${STEP_STATS_AGGREGATES}
        FROM rm_oversight_step_facts WHERE status <> 'not-measured' GROUP BY ${STEP_DIMENSIONS}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ${OVERSIGHT_STEP_STATS}, ${OVERSIGHT_MONTHLY}`);
  }
}
