import { loadCalendarDataset } from '../../src/calendar/calendar-data.loader';
import { WorkingCalendar } from '../../src/calendar/working-calendar.service';
import { workingTimeFrom } from '../../src/cases/working-time.adapter';
import { loadCatalogFiles } from '../../src/regulations/catalog/load-catalog';
import { RegulationCatalog } from '../../src/regulations/catalog/regulation-catalog';
import { createPostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { casesNeeded, loadHistory, type LoadedHistory } from './history-loader';
import { TemplateGenerator } from './history-templates';

export interface HistoryJob {
  url: string;
  seed: number;
  templates: number;
  openShare: number;
  targets: { events: number; minCases: number; openCases: number };
}

export type HistoryDone = Omit<LoadedHistory, 'byType'> & { byType: Array<[string, number]> };

export type HistoryMessage = { kind: 'log'; line: string } | { kind: 'done'; history: HistoryDone };

/**
 * Generation and bulk load, in a child process of the bench (generateAndLoad
 * in projections.bench.ts says why), which sends the job and gets back log
 * lines and the loaded history's figures.
 */
async function run(job: HistoryJob, send: (message: HistoryMessage) => Promise<void>): Promise<void> {
  const log = (line: string) => void send({ kind: 'log', line }).catch(() => undefined);
  const calendar = new WorkingCalendar(loadCalendarDataset({}));
  const domain = { calendar, time: workingTimeFrom(calendar), catalog: new RegulationCatalog(loadCatalogFiles()) };
  const generator = new TemplateGenerator(domain, job.seed, job.openShare);
  log(
    `history: driving ${job.templates.toLocaleString('en')} cases through decide() over ${generator.combinationCount} regulation versions × channels of the catalog`,
  );
  const templates = generator.generate(job.templates, (n) => log(`  ${n.toLocaleString('en')} case histories decided`));
  for (const [failure, count] of generator.failures) log(`  skipped ${count}× ${failure}`);
  const cases = casesNeeded(templates, job.targets);
  log(
    `history: ${cases.toLocaleString('en')} cases, each one of the decided histories under its own case id, provider and State Corporation branch; bulk-loaded in time order`,
  );
  const store = await createPostgresEventStore({ connectionString: job.url, poolSize: 2 });
  try {
    const history = await loadHistory(store, templates, cases, log);
    // Sent before the store closes and the channel with it: the bench waits for this message.
    await send({ kind: 'done', history: { ...history, byType: [...history.byType] } });
  } finally {
    await store.close();
  }
}

// Started by generateAndLoad (fork): the IPC channel is there, so process.send is.
if (process.send !== undefined) {
  process.once('message', (job: HistoryJob) => {
    const reply = (message: HistoryMessage): Promise<void> =>
      new Promise((resolve, reject) => {
        process.send?.(message, undefined, undefined, (error: Error | null) => (error ? reject(error) : resolve()));
      });
    run(job, reply).then(
      () => process.disconnect(),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
