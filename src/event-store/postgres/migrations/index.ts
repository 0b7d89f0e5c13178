import type { MigrationClass } from '../../../database/run-migrations';
import { EventTables1795000183001 } from './001-event-tables';
import { AppendFunction1795000183002 } from './002-append-function';
import { FastAppendSupport1795000183003 } from './003-fast-append-support';
import { GroupCommit1795000183004 } from './004-group-commit';

/** The event store schema as TypeORM migrations, in order. Append new migrations; never edit shipped ones. */
export const EVENT_STORE_MIGRATIONS: readonly MigrationClass[] = [
  EventTables1795000183001,
  AppendFunction1795000183002,
  FastAppendSupport1795000183003,
  GroupCommit1795000183004,
];
