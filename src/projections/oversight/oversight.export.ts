import { toCsv } from './csv';
import { BREACH_COLUMNS, STEP_COLUMNS, SUMMARY_COLUMNS } from './oversight.csv-columns';
import type { OversightQueries, OversightScope, Page, Window } from './oversight.query';

/** CSV exports read the table in chunks of this many rows. */
const CSV_CHUNK = 10_000;

export const OVERSIGHT_TABLES = ['summary', 'steps', 'breaches'] as const;
export type OversightTable = (typeof OVERSIGHT_TABLES)[number];

export const isOversightTable = (value: unknown): value is OversightTable => OVERSIGHT_TABLES.some((t) => t === value);

/** Every matching row of one table, read in chunks. */
export async function readWhole<T>(read: (scope: OversightScope, window: Window) => Promise<Page<T>>, scope: OversightScope): Promise<T[]> {
  const rows: T[] = [];
  for (let offset = 0; ; offset += CSV_CHUNK) {
    const chunk = await read(scope, { limit: CSV_CHUNK, offset });
    rows.push(...chunk.items);
    if (chunk.items.length < CSV_CHUNK) return rows;
  }
}

/** One oversight table as CSV: the API's ?format=csv and the console's download give the same file. */
export async function oversightCsv(queries: OversightQueries, table: OversightTable, scope: OversightScope): Promise<string> {
  switch (table) {
    case 'summary':
      return toCsv(SUMMARY_COLUMNS, await readWhole((s, w) => queries.summary(s, w), scope));
    case 'steps':
      return toCsv(STEP_COLUMNS, await readWhole((s, w) => queries.steps(s, w), scope));
    case 'breaches':
      return toCsv(BREACH_COLUMNS, await readWhole((s, w) => queries.breaches(s, w), scope));
    default: {
      const unknown: never = table;
      throw new Error(`unknown oversight table ${String(unknown)}`);
    }
  }
}

export const csvFileName = (table: OversightTable): string => `oversight-${table}.csv`;
