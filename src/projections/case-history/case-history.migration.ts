import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The chronicle is read one case at a time, whole: entries keyed by
 * (case_id, revision) and stored as the JSON the API serves; the columns
 * beside the JSON are the ones access control filters on.
 */
export class CreateCaseHistory1767225600200 implements MigrationInterface {
  name = 'CreateCaseHistory1767225600200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_case_history_cases (
        case_id      text PRIMARY KEY,
        header       jsonb NOT NULL,
        region       text NOT NULL,
        provider_org text NOT NULL,
        sc_org       text NULL,
        revision     int NOT NULL,
        position     bigint NOT NULL
      )`);
    await q.query(`
      CREATE TABLE rm_case_history_entries (
        case_id  text NOT NULL,
        revision int NOT NULL,
        position bigint NOT NULL,
        entry    jsonb NOT NULL,
        PRIMARY KEY (case_id, revision)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rm_case_history_entries, rm_case_history_cases');
  }
}
