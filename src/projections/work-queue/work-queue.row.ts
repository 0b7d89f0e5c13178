import { columnNames, recordType, RowOf, TableColumns } from '../runtime/table-columns';

/**
 * rm_work_queue's columns, in table order: the one list the row type, the
 * projection's insert and the queue's select derive from. The table itself is
 * work-queue.migration.ts (a record of what was created); a new column is a
 * new migration plus a line here.
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
} as const satisfies TableColumns;

/** A row of rm_work_queue as the driver returns it. */
export type WorkQueueRow = RowOf<typeof WORK_QUEUE_COLUMNS>;

export const WORK_QUEUE_COLUMN_NAMES = columnNames(WORK_QUEUE_COLUMNS);

/** The record type the projection's insert reads its rows from JSON with. */
export const WORK_QUEUE_RECORD_TYPE = recordType(WORK_QUEUE_COLUMNS);
