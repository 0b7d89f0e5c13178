import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { loadCalendarDataset } from '../../src/calendar/calendar-data.loader';
import { WorkingCalendar } from '../../src/calendar/working-calendar.service';
import { workingTimeFrom } from '../../src/cases/working-time.adapter';
import { createPostgresEventStore, PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { openReadModelsDataSource } from '../../src/projections/runtime/read-models.data-source';
import { loadCatalogFiles } from '../../src/regulations/catalog/load-catalog';
import { RegulationCatalog } from '../../src/regulations/catalog/regulation-catalog';
import { benchReadModels } from './bench-projections';
import type { lagPhase } from './lag-phase';
import { readsMeanwhile } from './query-phase';

/**
 * What the lag scripts (lag-profile.ts, joint-lag.ts) run the bench's lag
 * phase with, on a database a bench run kept: the real domain, the event
 * store, the read models' connections and the reads served meanwhile
 * (LAG_READS per second, default 20).
 */
type SharedPhaseOptions = Pick<
  Parameters<typeof lagPhase>[0],
  'dataSource' | 'store' | 'url' | 'domain' | 'seconds' | 'rate' | 'seed' | 'receiptPlanCopy' | 'reads'
>;

export interface LagBench {
  calendar: WorkingCalendar;
  store: PostgresEventStore;
  dataSource: DataSource;
  /** The database's name, for the CPU meter. */
  database: string;
  /** The lagPhase options every lag script passes alike. */
  phase(seconds: number, rate: number): Promise<SharedPhaseOptions>;
  close(): Promise<void>;
}

/** `storePool` lets a script watch the event store's queries (lag-profile.ts). */
export async function openLagBench(
  url: string,
  applicationName: string,
  storePool = new Pool({ connectionString: url, max: 4 }),
): Promise<LagBench> {
  const calendar = new WorkingCalendar(loadCalendarDataset({}));
  const domain = { calendar, time: workingTimeFrom(calendar), catalog: new RegulationCatalog(loadCatalogFiles()) };
  const store = await createPostgresEventStore({ pool: storePool });
  const dataSource = await openReadModelsDataSource({ url, readModels: benchReadModels(), poolSize: 6, applicationName });
  const pool = new Pool({ connectionString: url, max: 6 });
  const readsPerSecond = Number(process.env.LAG_READS ?? '20');
  return {
    calendar,
    store,
    dataSource,
    database: new URL(url).pathname.slice(1),
    phase: async (seconds, rate) => ({
      dataSource,
      store,
      url,
      domain,
      seconds,
      rate,
      seed: 7,
      receiptPlanCopy: process.env.LAG_RECEIPT_COPY === '1',
      reads: await readsMeanwhile(readsPerSecond, { dataSource, pool, calendar, seed: 1 }),
    }),
    close: async () => {
      await pool.end();
      await dataSource.destroy();
      await store.close();
    },
  };
}

/** A lag script's entry: a failure is printed and exits 1. */
export function runLagScript(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
