import 'reflect-metadata';
import type { EntityManager } from 'typeorm';
import { loadCalendarDataset } from '../../src/calendar/calendar-data.loader';
import { WorkingCalendar } from '../../src/calendar/working-calendar.service';
import type { ReadAllOptions } from '../../src/event-store/event-store.port';
import { createPostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { countInPostgresLog } from '../../src/projections/runtime/event-count';
import type { Projection } from '../../src/projections/runtime/projection';
import { openReadModelsDataSource } from '../../src/projections/runtime/read-models.data-source';
import { rebuildProjections } from '../../src/projections/runtime/rebuilder';
import { table } from '../event-store/stats';
import { serverCpuSeconds } from './server-cpu';
import { declarationOf, StatementTally, timeStatements } from './statement-tally';
import { benchProjections, benchReadModels } from './bench-projections';

/**
 * Where a rebuild's time goes, on a database a bench run kept (--keep):
 * `node dist-bench/bench/projections/rebuild-profile.js <database url> [all|each] [batch]`.
 * Every statement a projection sends is timed (the await, so database time
 * plus the round trip), apply() as a whole, and the log's pages; node's CPU
 * time over the pass says how much of the wall clock the process itself used.
 */
interface Tally {
  pages: number;
  applyMs: number;
  statements: StatementTally;
}

function timed(projection: Projection, tally: Tally): Projection {
  return {
    ...declarationOf(projection),
    apply: async (events, tx: EntityManager) => {
      const restore = timeStatements(tx, tally.statements, 60);
      const t = performance.now();
      try {
        await projection.apply(events, tx);
      } finally {
        restore();
        tally.pages += 1;
        tally.applyMs += performance.now() - t;
      }
    },
  };
}

async function main(): Promise<void> {
  const [url, mode = 'each', batchArg = '10000'] = process.argv.slice(2);
  if (!url) throw new Error('usage: rebuild-profile.js <database url> [all|each] [batch]');
  const calendar = new WorkingCalendar(loadCalendarDataset({}));
  const store = await createPostgresEventStore({ connectionString: url, poolSize: 4 });
  const dataSource = await openReadModelsDataSource({
    url,
    readModels: benchReadModels(),
    poolSize: 6,
    applicationName: 'rebuild-profile',
  });
  let readMs = 0;
  let reads = 0;
  const readAll = store.readAll.bind(store);
  store.readAll = async (options?: ReadAllOptions) => {
    const t = performance.now();
    try {
      return await readAll(options);
    } finally {
      readMs += performance.now() - t;
      reads += 1;
    }
  };
  try {
    const projections = benchProjections(calendar);
    const passes = mode === 'all' ? [projections] : projections.map((p) => [p]);
    for (const pass of passes) {
      const tallies = new Map(pass.map((p) => [p.name, { pages: 0, applyMs: 0, statements: new Map() } satisfies Tally]));
      readMs = 0;
      reads = 0;
      const database = new URL(url).pathname.slice(1);
      const serverBefore = serverCpuSeconds(database) ?? 0;
      const cpu = process.cpuUsage();
      const started = performance.now();
      const result = await rebuildProjections({
        projections: pass.map((p) => timed(p, tallies.get(p.name) ?? { pages: 0, applyMs: 0, statements: new Map() })),
        dataSource,
        store,
        lockUrl: url,
        countEvents: countInPostgresLog(dataSource),
        batchSize: Number(batchArg),
      });
      const wall = performance.now() - started;
      const used = process.cpuUsage(cpu);
      const server = (serverCpuSeconds(database) ?? Number.NaN) - serverBefore;
      const node = (used.user + used.system) / 1e6;
      console.log(
        `\n${pass.map((p) => p.name).join(' + ')}: ${result.events.toLocaleString('en')} log events in ${(wall / 1000).toFixed(1)} s ` +
          `(${Math.round(result.events / (wall / 1000)).toLocaleString('en')}/s); node CPU ${((used.user + used.system) / 1000 / wall).toFixed(2)} of the wall clock; ` +
          `log pages read: ${reads} in ${(readMs / 1000).toFixed(1)} s\n  CPU: node ${node.toFixed(1)} s, server ${server.toFixed(1)} s; ` +
          `${(((node + server) / result.events) * 1e6).toFixed(0)} µs per log event (${((node / result.events) * 1e6).toFixed(0)} node, ${((server / result.events) * 1e6).toFixed(0)} server)`,
      );
      for (const [name, tally] of tallies) {
        const dbMs = [...tally.statements.values()].reduce((n, s) => n + s.ms, 0);
        console.log(
          `  ${name}: ${tally.pages} pages, apply ${(tally.applyMs / 1000).toFixed(1)} s, of which statements ${(dbMs / 1000).toFixed(1)} s, node ${((tally.applyMs - dbMs) / 1000).toFixed(1)} s`,
        );
        console.log(
          table(
            ['statement', 'per page', 'seconds', 'ms each'],
            [...tally.statements].map(([sql, s]) => [
              sql,
              (s.n / tally.pages).toFixed(2),
              (s.ms / 1000).toFixed(1),
              (s.ms / s.n).toFixed(1),
            ]),
          ),
        );
      }
    }
  } finally {
    await dataSource.destroy();
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
