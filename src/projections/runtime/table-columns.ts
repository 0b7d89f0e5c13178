/** What `pg` returns for each SQL type the read models' rows use (bigint as text: it exceeds 2^53). */
interface DriverValue {
  text: string;
  timestamptz: Date;
  int: number;
  bigint: string;
}

/** A column's SQL type as its migration spells it, with ` NULL` when it may be null. */
export type ColumnType = keyof DriverValue | `${keyof DriverValue} NULL`;

/** A table's columns in table order, name to type: the one list code derives a table's row and statements from. */
export type TableColumns = Readonly<Record<string, ColumnType>>;

type ColumnValue<T> = T extends `${infer Type extends keyof DriverValue} NULL`
  ? DriverValue[Type] | null
  : T extends keyof DriverValue
    ? DriverValue[T]
    : never;

/** A row of the table as the driver returns it. */
export type RowOf<Columns extends TableColumns> = { -readonly [Name in keyof Columns]: ColumnValue<Columns[Name]> };

/** The column names, in table order. */
export const columnNames = (columns: TableColumns): string[] => Object.keys(columns);

/** `name type, …` of every column: a record type that reads rows from JSON (jsonb_to_recordset). */
export const recordType = (columns: TableColumns): string =>
  Object.entries(columns)
    .map(([name, type]) => `${name} ${type.replace(' NULL', '')}`)
    .join(', ');
