/**
 * rm_work_queue's columns and their SQL types, in table order: the one list
 * the row type, the projection's insert and the queue's select derive from.
 * The table itself is work-queue.migration.ts (a record of what was created);
 * a new column is a new migration plus a line here.
 */
export const WORK_QUEUE_COLUMNS = {
  case_id: 'text',
  region: 'text',
  provider_org: 'text',
  sc_org: 'text NULL',
  service: 'text',
  channel: 'text',
  regulation_version_id: 'text',
  step_id: 'text',
  step_action: 'text',
  step_role: 'text',
  step_since: 'timestamptz',
  due_at: 'timestamptz NULL',
  due_explanation: 'text NULL',
  executor_id: 'text NULL',
  received_at: 'timestamptz',
  revision: 'int',
  position: 'bigint',
} as const;

/** What `pg` returns for each SQL type (bigint as text: positions exceed 2^53). */
interface DriverValue {
  text: string;
  timestamptz: Date;
  int: number;
  bigint: string;
}

type ColumnValue<T> = T extends `${infer Type extends keyof DriverValue} NULL`
  ? DriverValue[Type] | null
  : T extends keyof DriverValue
    ? DriverValue[T]
    : never;

type Columns = typeof WORK_QUEUE_COLUMNS;

/** A row of rm_work_queue as the driver returns it. */
export type WorkQueueRow = { -readonly [Name in keyof Columns]: ColumnValue<Columns[Name]> };

/** The column names, in table order. */
export const WORK_QUEUE_COLUMN_NAMES: readonly string[] = Object.keys(WORK_QUEUE_COLUMNS);

/** `name type, …` of every column: the record type that reads rows from JSON (jsonb_to_recordset). */
export const WORK_QUEUE_RECORD_TYPE = Object.entries(WORK_QUEUE_COLUMNS)
  .map(([name, type]) => `${name} ${type.replace(' NULL', '')}`)
  .join(', ');
