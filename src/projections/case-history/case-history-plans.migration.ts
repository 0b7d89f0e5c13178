import { MigrationInterface, QueryRunner } from 'typeorm';

/** A header's plan as the earlier headers held it inline (stepDurations absent in the oldest). */
const INLINE_PLAN = `jsonb_build_object('specialRules', coalesce(header->'specialRules', '[]'::jsonb),
  'stepDurations', coalesce(header->'stepDurations', '{}'::jsonb))`;
/** md5 keys of 34 characters: never equal to the projection's own (27-character sha1) keys. */
const INLINE_KEY = `'m-' || md5(${INLINE_PLAN}::text)`;

/**
 * The chronicle's plans (special rules and step durations, with their
 * citations) move out of every header into one row per distinct plan
 * (history-plans.ts says why). Existing headers are converted in place, so an
 * upgraded service answers at once, without a rebuild; entries that still
 * carry their step's duration keep it (the view prefers it to the plan's).
 */
export class CreateCaseHistoryPlans1767600000000 implements MigrationInterface {
  name = 'CreateCaseHistoryPlans1767600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_case_history_plans (
        plan_key text PRIMARY KEY,
        plan     jsonb NOT NULL
      )`);
    await q.query(`
      INSERT INTO rm_case_history_plans (plan_key, plan)
      SELECT DISTINCT ${INLINE_KEY}, ${INLINE_PLAN} FROM rm_case_history_cases WHERE NOT header ? 'planKey'`);
    await q.query(`
      UPDATE rm_case_history_cases
         SET header = (header - 'specialRules' - 'stepDurations') || jsonb_build_object('planKey', ${INLINE_KEY})
       WHERE NOT header ? 'planKey'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE rm_case_history_cases c
         SET header = (c.header - 'planKey') || jsonb_build_object('specialRules', p.plan->'specialRules', 'stepDurations', p.plan->'stepDurations')
        FROM rm_case_history_plans p
       WHERE p.plan_key = c.header->>'planKey'`);
    await q.query('DROP TABLE rm_case_history_plans');
  }
}
