import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/config';
import { resolveDatabase, ResolvedDatabase } from '../../database/database-url';
import { EventStore } from '../../event-store/event-store.port';
import { createEventStoreDbStore } from '../../event-store/eventstoredb/eventstoredb-event-store';
import { createPostgresEventStore } from '../../event-store/postgres/postgres-event-store';
import { readTreeState } from '../../transparency/notary.projection';
import { TransparencyLog } from '../../transparency/transparency-log';
import { LogPages, logPagesOf, postgresLogPages } from '../anchor/reproduce-log';
import { LogStreamSource } from './log-stream-source';
import { PostgresStreamEvidence } from './postgres-evidence';
import { LogStreamEvidence, StreamEvidenceReader } from './stream-evidence';
import { StreamSource } from './stream-source';

/** What audit:verify reads: the store, its streams, each stream's evidence and the notary's tree. */
export interface Opened {
  store: EventStore;
  source: StreamSource;
  database?: ResolvedDatabase;
  /** Reads each stream with its head and leaves; absent: the events alone (chain only). */
  evidence?: StreamEvidenceReader & { close(): Promise<void> };
  /** The transparency log's database. */
  tree?: DataSource;
  /** The global log in position order, to recompute the tree from. */
  logPages: LogPages;
}

/** PostgresStreamEvidence as the stream source: every stream any table still names. */
function evidenceSource(evidence: PostgresStreamEvidence): StreamSource {
  return {
    description: 'PostgreSQL event store (es_events, es_streams, tl_leaves)',
    total: (prefix) => evidence.countStreams(prefix),
    streams: async function* (options) {
      for await (const streamId of evidence.streamIds(options)) yield { streamId };
    },
    close: async () => undefined,
  };
}

export async function openForVerify(config: AppConfig, log: (line: string) => void): Promise<Opened> {
  if (config.eventStoreUrl) {
    const store = createEventStoreDbStore({ connectionString: config.eventStoreUrl });
    if (!config.databaseUrl) return { store, source: new LogStreamSource(store), logPages: logPagesOf(store) };
    // The notary's tree lives in the read models' PostgreSQL (DATABASE_URL): leaves first, then the events (no heads there).
    const tree = await new DataSource({
      type: 'postgres',
      url: config.databaseUrl,
      poolSize: 2,
      applicationName: 'audit-verify',
    }).initialize();
    const log = new TransparencyLog(tree);
    const reader = new LogStreamEvidence(store, {
      leavesOfStream: (id) => log.leavesOfStream(id),
      notaryPosition: async () => (await readTreeState(tree)).position,
    });
    return {
      store,
      source: new LogStreamSource(store),
      evidence: { read: (id) => reader.read(id), close: async () => undefined },
      tree,
      logPages: logPagesOf(store),
    };
  }
  // Exactly as main.ts: DATABASE_URL, else the embedded server.
  const database = await resolveDatabase(config, log);
  try {
    const store = await createPostgresEventStore({ connectionString: database.url, poolSize: 2 });
    const tree = await new DataSource({ type: 'postgres', url: database.url, poolSize: 2, applicationName: 'audit-verify' }).initialize();
    const evidence = new PostgresStreamEvidence(tree);
    return {
      store,
      source: evidenceSource(evidence),
      database,
      evidence: { read: (id) => evidence.read(id), close: async () => undefined },
      tree,
      logPages: postgresLogPages(tree),
    };
  } catch (error) {
    await database.embedded?.stop();
    throw error;
  }
}

/** Whether the notary's tables exist (an older database may not have them yet). */
export async function hasTree(db: DataSource): Promise<boolean> {
  const rows = await db.query<Array<{ present: boolean }>>("SELECT to_regclass('tl_checkpoints') IS NOT NULL AS present");
  return rows[0]?.present === true;
}
