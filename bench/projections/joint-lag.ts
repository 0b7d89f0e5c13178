import 'reflect-metadata';
import { Pool } from 'pg';
import { loadCalendarDataset } from '../../src/calendar/calendar-data.loader';
import { WorkingCalendar } from '../../src/calendar/working-calendar.service';
import { workingTimeFrom } from '../../src/cases/working-time.adapter';
import { createPostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { openReadModelsDataSource } from '../../src/projections/runtime/read-models.data-source';
import { loadCatalogFiles } from '../../src/regulations/catalog/load-catalog';
import { RegulationCatalog } from '../../src/regulations/catalog/regulation-catalog';
import { benchProjections, benchReadModels } from './bench-projections';
import { JointPass, WRITTEN } from './joint-pass';
import { lagLines, lagPhase } from './lag-phase';
import { readsMeanwhile } from './query-phase';
import { percentile } from '../event-store/stats';
import { startCpuMeter } from './server-cpu';

const USAGE = `What one live pass for all four projections would do to the lag (#21, goal 3):
the bench's lag phase on a database a bench run kept (--keep), followed either by
the runtime's four runners, or by the JointPass experiment (bench/projections/joint-pass.ts):
one poll for all four, then one transaction for all (joint) or one each, at once (shared-poll).

Usage: node dist-bench/bench/projections/joint-lag.js <database url> <runners|joint|shared-poll> [seconds=20] [rate=500]
  LAG_READS    reads per second served meanwhile (default 20)
  JOINT_BATCH  events per batch of the experiment (default 500, as the runners')
  LAG_RECEIPT_COPY=1  receipts carry a second copy of their plan that no reader looks at:
               what the plan's bytes cost (what plans by reference would save)

Run the two modes alternately on one database: every run appends to it.`;

async function main(): Promise<void> {
  const [url, mode, secondsArg = '20', rateArg = '500'] = process.argv.slice(2);
  if (!url || (mode !== 'runners' && mode !== 'joint' && mode !== 'shared-poll')) {
    console.log(USAGE);
    process.exitCode = url === '--help' ? 0 : 2;
    return;
  }
  const calendar = new WorkingCalendar(loadCalendarDataset({}));
  const domain = { calendar, time: workingTimeFrom(calendar), catalog: new RegulationCatalog(loadCatalogFiles()) };
  const storePool = new Pool({ connectionString: url, max: 4 });
  const store = await createPostgresEventStore({ pool: storePool });
  const dataSource = await openReadModelsDataSource({
    url,
    readModels: benchReadModels(),
    poolSize: 6,
    applicationName: `joint-lag-${mode}`,
  });
  const pool = new Pool({ connectionString: url, max: 6 });
  const projections = benchProjections(calendar);
  const readsPerSecond = Number(process.env.LAG_READS ?? '20');
  const database = new URL(url).pathname.slice(1);
  let onCommitted: (projection: string, position: bigint) => void = () => undefined;
  const joint =
    mode !== 'runners'
      ? new JointPass({
          projections,
          dataSource,
          store,
          batchSize: Number(process.env.JOINT_BATCH ?? '500'),
          separateTransactions: mode === 'shared-poll',
          onCommitted: (p, at) => onCommitted(p, at),
        })
      : undefined;
  try {
    const meter = startCpuMeter(database);
    const result = await lagPhase(
      {
        projections,
        dataSource,
        store,
        url,
        domain,
        seconds: Number(secondsArg),
        rate: Number(rateArg),
        seed: 7,
        receiptPlanCopy: process.env.LAG_RECEIPT_COPY === '1',
        reads: await readsMeanwhile(readsPerSecond, { dataSource, pool, calendar, seed: 1 }),
        followers: joint
          ? (committed) => {
              onCommitted = committed;
              return [joint];
            }
          : undefined,
      },
      console.log,
    );
    console.log(`${mode}: appended ${result.appended} at ${result.achievedRate.toFixed(1)}/s; ${meter.summary()}`);
    if (joint) {
      const ms = joint.cycles.map((c) => c.ms).sort((a, b) => a - b);
      const sizes = joint.cycles.map((c) => c.events).sort((a, b) => a - b);
      console.log(
        `  joint batches: ${ms.length}, events p50 ${percentile(sizes, 50)} max ${sizes.at(-1)}; transaction ms p50 ${percentile(ms, 50).toFixed(1)} p95 ${percentile(ms, 95).toFixed(1)} max ${ms.at(-1)?.toFixed(1)}`,
      );
    }
    for (const [name, w] of WRITTEN)
      console.log(
        `  ${name}: ${w.statements} held writes, ${(w.bytes / Math.max(1, w.events)).toFixed(0)} bytes of statement text per event`,
      );
    for (const line of lagLines(result)) console.log(line);
  } finally {
    await pool.end();
    await dataSource.destroy();
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
