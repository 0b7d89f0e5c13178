import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { loadCalendarDataset } from '../../calendar/calendar-data.loader';
import { WorkingCalendar } from '../../calendar/working-calendar.service';
import { createPostgresEventStore } from '../../event-store/postgres/postgres-event-store';
import { countInPostgresLog } from '../runtime/event-count';
import { openReadModelsDataSource } from '../runtime/read-models.data-source';
import { rebuildProjection } from '../runtime/rebuilder';
import { benchProjections, benchReadModels } from './bench-projections';

export interface RebuildJob {
  url: string;
  projection: string;
  batchSize: number;
}

export type RebuildMessage = { kind: 'progress'; done: number; total: number } | { kind: 'done'; events: number; elapsedMs: number };

/**
 * One projection's rebuild through the runtime's rebuilder, in a thread of its
 * own (the rebuild CLI's work, one process per projection): with all four at
 * once, parsing the log four times is more than one core can do.
 */
async function run(job: RebuildJob): Promise<void> {
  const projection = benchProjections(new WorkingCalendar(loadCalendarDataset({}))).find((p) => p.name === job.projection);
  if (!projection) throw new Error(`unknown projection ${job.projection}`);
  const store = await createPostgresEventStore({ connectionString: job.url, poolSize: 2 });
  const dataSource = await openReadModelsDataSource({ url: job.url, readModels: benchReadModels(), poolSize: 2, applicationName: `rebuild-${job.projection}` });
  try {
    const result = await rebuildProjection({
      projection,
      dataSource,
      store,
      lockUrl: job.url,
      countEvents: countInPostgresLog(dataSource),
      batchSize: job.batchSize,
      onProgress: (done, total) => parentPort!.postMessage({ kind: 'progress', done, total } satisfies RebuildMessage),
    });
    parentPort!.postMessage({ kind: 'done', events: result.events, elapsedMs: result.elapsedMs } satisfies RebuildMessage);
  } finally {
    await dataSource.destroy();
    await store.close();
  }
}

if (parentPort) {
  run(workerData as RebuildJob).catch((error: unknown) => {
    throw error;
  });
}
