import { Migration } from '../migration-runner';
import { eventTables } from './001-event-tables';
import { appendFunction } from './002-append-function';
import { fastAppendSupport } from './003-fast-append-support';
import { groupCommit } from './004-group-commit';

/** The event store schema, in order. Append new migrations; never edit shipped ones. */
export const EVENT_STORE_MIGRATIONS: readonly Migration[] = [eventTables, appendFunction, fastAppendSupport, groupCommit];
