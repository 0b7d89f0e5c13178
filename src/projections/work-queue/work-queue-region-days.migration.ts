import { MigrationInterface, QueryRunner } from 'typeorm';
import { localDueDayOfRow } from './local-due-day.sql';

/**
 * Open cases per region and local due date ('infinity': no regulated due
 * instant), kept by the work-queue projection beside the queue. A region's
 * totals per status are then a sum over a few hundred days plus a count of
 * today's cases, instead of a count of every open case of the region (about
 * 7 ms per 50,000 cases, beyond the queue's 10 ms budget). Filled from the
 * queue for databases that already hold one.
 */
export class CreateWorkQueueRegionDays1767225600101 implements MigrationInterface {
  name = 'CreateWorkQueueRegionDays1767225600101';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_work_queue_region_days (
        region  text NOT NULL,
        due_day date NOT NULL,
        n       int  NOT NULL,
        PRIMARY KEY (region, due_day)
      )`);
    await q.query(`
      INSERT INTO rm_work_queue_region_days (region, due_day, n)
      SELECT region, ${localDueDayOfRow()}, count(*)
        FROM rm_work_queue GROUP BY 1, 2`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rm_work_queue_region_days');
  }
}
