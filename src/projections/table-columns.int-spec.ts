import type { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../test/support/test-db';
import { CHECKPOINT_COLUMNS } from './runtime/checkpoints';
import { openReadModelsDataSource } from './runtime/read-models.data-source';
import type { TableColumns } from './runtime/table-columns';
import { WORK_QUEUE_READ_MODEL } from './work-queue/work-queue.read-model';
import { WORK_QUEUE_COLUMNS } from './work-queue/work-queue.row';

/** Each column list in code, and the table it lists. */
const LISTS: Array<[string, TableColumns]> = [
  ['rm_checkpoints', CHECKPOINT_COLUMNS],
  ['rm_work_queue', WORK_QUEUE_COLUMNS],
];

describe('column lists in code (real PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('cols');
    dataSource = await openReadModelsDataSource({ url: db.url, readModels: [WORK_QUEUE_READ_MODEL] });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  /** The table's columns in table order, spelled as a TableColumns list spells them. */
  async function columnsOf(table: string): Promise<[string, string][]> {
    const columns: Array<{ name: string; type: string; nullable: boolean }> = await dataSource.query(
      `SELECT attname AS name, format_type(atttypid, atttypmod) AS type, NOT attnotnull AS nullable
         FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
      [table],
    );
    const spelled = (type: string) => type.replace('timestamp with time zone', 'timestamptz').replace('integer', 'int');
    return columns.map((c) => [c.name, `${spelled(c.type)}${c.nullable ? ' NULL' : ''}`]);
  }

  it.each(LISTS)('%s: the list is the table its migrations create (names, order, types, nullability)', async (table, columns) => {
    expect(await columnsOf(table)).toEqual(Object.entries(columns));
  });
});
