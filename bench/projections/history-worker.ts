import { parentPort, workerData } from 'node:worker_threads';
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

export type HistoryMessage =
  { kind: 'log'; line: string } | { kind: 'done'; history: Omit<LoadedHistory, 'byType'> & { byType: Array<[string, number]> } };

/**
 * Generation and bulk load, in a worker thread with a large young generation:
 * they allocate gigabytes of short-lived strings, and the default semi-space
 * spends half the time in scavenges. The phases measured afterwards run on the
 * main thread with the defaults the service runs with.
 */
async function run(job: HistoryJob): Promise<void> {
  const log = (line: string) => parentPort!.postMessage({ kind: 'log', line } satisfies HistoryMessage);
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
    parentPort!.postMessage({ kind: 'done', history: { ...history, byType: [...history.byType] } } satisfies HistoryMessage);
  } finally {
    await store.close();
  }
}

if (parentPort) {
  run(workerData as HistoryJob).catch((error: unknown) => {
    throw error;
  });
}
