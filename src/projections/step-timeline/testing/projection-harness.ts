import type { DataSource } from 'typeorm';
import { loadCalendarDataset } from '../../../calendar/calendar-data.loader';
import { WorkingCalendar } from '../../../calendar/working-calendar.service';
import { appendCaseEvents } from '../../../cases/case-stream';
import { workingTimeFrom } from '../../../cases/working-time.adapter';
import type { EventStore, GlobalPosition } from '../../../event-store/event-store.port';
import { loadCatalogFiles } from '../../../regulations/catalog/load-catalog';
import { RegulationCatalog } from '../../../regulations/catalog/regulation-catalog';
import type { Channel, Region } from '../../../regulations/regulation.model';
import type { Projection } from '../../runtime/projection';
import { filterOf } from '../../runtime/projection-filter';
import { CaseRun, type CaseParties } from '../../../cases/testing/domain-driver';
import { untilLogShows } from '../../../../test/support/log-visibility';

/** The real calendar and catalog, as the write side uses them. */
export function realDomain() {
  const calendar = new WorkingCalendar(loadCalendarDataset({}));
  const time = workingTimeFrom(calendar);
  const catalog = new RegulationCatalog(loadCatalogFiles());
  const open = (caseId: string, region: Region, service: string, channel: Channel, at: Date, parties: CaseParties): CaseRun => {
    const version = catalog.inForce(region, service, channel, time.localDate(at, region));
    return new CaseRun(caseId, version, channel, parties, time);
  };
  return { calendar, time, catalog, open };
}

/** The last position each store appended through this harness, so catch-up knows what it must see. */
const lastAppended = new WeakMap<EventStore, GlobalPosition>();

/** The last position appendRun wrote to `store` (0 before any). */
export const lastAppendedTo = (store: EventStore): GlobalPosition => lastAppended.get(store) ?? 0n;

/** Appends what the run decided since `from` (an index into run.events) to the case's stream. */
export async function appendRun(store: EventStore, run: CaseRun, from: number): Promise<number> {
  const fresh = run.events.slice(from);
  if (fresh.length === 0) return from;
  const meta = { commandId: `${run.caseId}:${from}`, correlationId: run.caseId, causationId: run.caseId };
  const result = await appendCaseEvents(store, run.caseId, fresh, meta, from === 0 ? 'no-stream' : from - 1);
  if (result.position > (lastAppended.get(store) ?? 0n)) lastAppended.set(store, result.position);
  return run.events.length;
}

/** The last position appendRun wrote to this store: what a test waits for (the log's head may lag behind it on a shared server). */
export const lastAppendedPosition = (store: EventStore): GlobalPosition => lastAppended.get(store) ?? 0n;

/** Applies a projection from `after` to the head, in batches, each in its own transaction (as the runtime does). */
export async function catchUp(
  projection: Projection,
  store: EventStore,
  dataSource: DataSource,
  after: GlobalPosition = 0n,
  batchSize = 500,
): Promise<GlobalPosition> {
  // Another test file's open transaction can hold the log back for a moment: wait for our own writes.
  await untilLogShows(store, lastAppended.get(store) ?? 0n);
  let position = after;
  for (;;) {
    const events = await store.readAll({
      after: position === 0n ? undefined : position,
      maxCount: batchSize,
      filter: filterOf(projection),
    });
    if (events.length === 0) return position;
    await dataSource.transaction((tx) => projection.apply(events, tx));
    position = events[events.length - 1].position;
  }
}

export async function resetProjection(projection: Projection, dataSource: DataSource): Promise<void> {
  await dataSource.query(`TRUNCATE ${projection.tables.join(', ')}`);
}

/** Every row of the tables, ordered, for comparing a rebuilt read model with a live one. */
export async function dumpTables(
  dataSource: DataSource,
  tables: Array<[table: string, orderBy: string]>,
): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, orderBy] of tables) out[table] = await dataSource.query(`SELECT * FROM ${table} ORDER BY ${orderBy}`);
  return out;
}
