import { parseArgs } from 'node:util';
import { AppConfig, ConfigError, loadConfig } from '../../config/config';
import { resolveDatabase, ResolvedDatabase } from '../../database/database-url';
import { EventStore } from '../../event-store/event-store.port';
import { createEventStoreDbStore } from '../../event-store/eventstoredb/eventstoredb-event-store';
import { createPostgresEventStore } from '../../event-store/postgres/postgres-event-store';
import { LogStreamSource } from './log-stream-source';
import { PostgresStreamList } from './postgres-stream-list';
import { StreamSource } from './stream-source';
import { VerifyAllSummary, verifyAllStreams } from './verify-all';

export const VERIFY_HELP = `Usage: npm run audit:verify -- [--prefix PREFIX] [--batch-size N] [--json]

Recomputes the hash chain of every stream in the event store and names, for each
broken stream, the first event that does not match (revision, event id, reason).
Exit code: 0 every stream intact, 1 at least one stream broken, 2 bad usage or
the store could not be read.

The store is found like the service finds it: EVENTSTORE_URL (EventStoreDB),
else DATABASE_URL (PostgreSQL), else the embedded PostgreSQL (EMBEDDED_PG_DIR,
EMBEDDED_PG_PORT). On PostgreSQL each stream is also compared with its stored
stream list (es_events); a tail cut off a stream needs anchored heads to be seen.

  --prefix PREFIX   only streams whose id starts with PREFIX (e.g. case-, audit-access-)
  --batch-size N    streams (PostgreSQL) or events (EventStoreDB) per read, 1..10000 (default 500)
  --json            print the summary as JSON on stdout
  --help            this text

Progress goes to stderr, the summary to stdout.`;

export interface CommandIo {
  env: NodeJS.ProcessEnv;
  out: (text: string) => void;
  err: (text: string) => void;
}

interface Options {
  prefix?: string;
  batchSize: number;
  json: boolean;
}

function parse(argv: string[]): Options | 'help' | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { prefix: { type: 'string' }, 'batch-size': { type: 'string', default: '500' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return (error as Error).message;
  }
  if (values.help) return 'help';
  const batchSize = Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) return '--batch-size must be a whole number from 1 to 10000';
  if (values.prefix !== undefined && values.prefix === '') return '--prefix must not be empty';
  return { prefix: values.prefix, batchSize, json: values.json };
}

export function formatSummary(summary: VerifyAllSummary): string {
  const lines = [
    `source: ${summary.source}`,
    `streams: ${summary.streams} (intact ${summary.intact}, empty ${summary.empty}, broken ${summary.broken.length})`,
    `events read: ${summary.events}`,
  ];
  for (const b of summary.broken) {
    const m = b.firstMismatch!;
    lines.push(`BROKEN ${b.streamId}: revision ${m.revision}${m.eventId ? ` (event ${m.eventId})` : ''}: ${m.reason}: ${m.detail}`);
  }
  lines.push(summary.broken.length === 0 ? 'verdict: every stream intact' : `verdict: ${summary.broken.length} stream(s) broken`);
  return lines.join('\n');
}

interface Opened {
  store: EventStore;
  source: StreamSource;
  database?: ResolvedDatabase;
}

async function open(config: AppConfig, io: CommandIo): Promise<Opened> {
  if (config.eventStoreUrl) {
    const store = createEventStoreDbStore({ connectionString: config.eventStoreUrl });
    return { store, source: new LogStreamSource(store) };
  }
  // Exactly as main.ts: DATABASE_URL, else the embedded server.
  const database = await resolveDatabase(config, (line) => io.err(line));
  try {
    const store = await createPostgresEventStore({ connectionString: database.url, poolSize: 2 });
    return { store, source: new PostgresStreamList(database.url), database };
  } catch (error) {
    await database.embedded?.stop();
    throw error;
  }
}

/** The CLI without the process: argv and environment in, exit code out. */
export async function runVerifyCommand(argv: string[], io: CommandIo): Promise<number> {
  const options = parse(argv);
  if (options === 'help') {
    io.out(VERIFY_HELP);
    return 0;
  }
  if (typeof options === 'string') {
    io.err(`${options}\n\n${VERIFY_HELP}`);
    return 2;
  }
  let config: AppConfig;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
  let opened: Opened;
  try {
    opened = await open(config, io);
  } catch (error) {
    io.err(`cannot open the event store: ${(error as Error).message}`);
    return 2;
  }
  try {
    const started = Date.now();
    const summary = await verifyAllStreams(opened.store, opened.source, {
      batchSize: options.batchSize,
      prefix: options.prefix,
      onProgress: (p) =>
        io.err(`[audit:verify] ${p.streams}${p.total === undefined ? '' : `/${p.total}`} streams, ${p.events} events, ${p.broken} broken, ${((Date.now() - started) / 1000).toFixed(1)} s`),
    });
    io.out(options.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
    return summary.broken.length > 0 ? 1 : 0;
  } catch (error) {
    io.err(`verification failed: ${(error as Error).message}`);
    return 2;
  } finally {
    await opened.source.close().catch(() => undefined);
    await opened.store.close().catch(() => undefined);
    await opened.database?.embedded?.stop().catch(() => undefined);
  }
}
