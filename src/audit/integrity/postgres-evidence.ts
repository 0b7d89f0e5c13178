import { Pool, PoolClient } from 'pg';
import { EVENT_COLUMNS, EventRow, toRecordedEvent } from '../../event-store/postgres/event-row';
import { StreamLeaf } from './leaf-check';
import { StreamEvidence, StreamEvidenceReader } from './stream-evidence';

interface LeafRow {
  leaf_index: string;
  position: string;
  revision: number;
  event_id: string;
  leaf_hash: Buffer;
}

const toLeaf = (row: LeafRow): StreamLeaf => ({
  leafIndex: Number(row.leaf_index),
  position: BigInt(row.position),
  revision: row.revision,
  eventId: row.event_id,
  leafHash: row.leaf_hash,
});

/**
 * One stream's head row, events and transparency-log leaves, read in one
 * REPEATABLE READ snapshot: they agree unless someone edited the tables, so
 * a head behind its events is a finding too (an append moves both at once).
 * Also lists every stream any of the three tables still names, so a stream
 * whose events were all deleted is still visited.
 */
export class PostgresStreamEvidence implements StreamEvidenceReader {
  private readonly pool: Pool;
  private hasTree: boolean | undefined;

  constructor(connectionString: string) {
    this.pool = new Pool({ connectionString, max: 2, connectionTimeoutMillis: 10_000 });
    this.pool.on('error', () => undefined); // an idle connection dropped by the server; the next query reconnects
  }

  async read(streamId: string): Promise<StreamEvidence> {
    return this.inSnapshot(async (client) => {
      const heads = await client.query<{ revision: string; last_hash: string }>('SELECT revision, last_hash FROM es_streams WHERE stream_id = $1', [streamId]);
      const events = await client.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM es_events WHERE stream_id = $1 ORDER BY revision`, [streamId]);
      const headRow = heads.rows[0];
      const evidence: StreamEvidence = {
        events: events.rows.map(toRecordedEvent),
        headCheck: { head: headRow ? { streamId, revision: Number(headRow.revision), lastHash: headRow.last_hash } : undefined, sameSnapshot: true },
      };
      if (await this.treeExists(client)) {
        const leaves = await client.query<LeafRow>(
          'SELECT leaf_index, position, revision, event_id::text AS event_id, leaf_hash FROM tl_leaves WHERE stream_id = $1 ORDER BY revision, leaf_index',
          [streamId],
        );
        const state = await client.query<{ position: string }>('SELECT position FROM tl_state WHERE id = 1');
        evidence.logCheck = { leaves: leaves.rows.map(toLeaf), notaryPosition: BigInt(state.rows[0]?.position ?? '0') };
      }
      return evidence;
    });
  }

  /** Keyset pages of every stream id in es_events, es_streams or tl_leaves. */
  async *streamIds(options: { batchSize: number; prefix?: string }): AsyncIterable<string> {
    const tree = await this.treeExists(this.pool);
    const sources = ['SELECT stream_id FROM es_events', 'SELECT stream_id FROM es_streams', ...(tree ? ['SELECT stream_id FROM tl_leaves'] : [])];
    let after = '';
    for (;;) {
      const page = sources.map((from) => `(${from} WHERE stream_id > $1 AND ($2::text IS NULL OR starts_with(stream_id, $2)) ORDER BY stream_id LIMIT $3)`);
      const { rows } = await this.pool.query<{ stream_id: string }>(
        `SELECT DISTINCT stream_id FROM (${page.join(' UNION ALL ')}) s ORDER BY stream_id LIMIT $3`,
        [after, options.prefix ?? null, options.batchSize],
      );
      for (const row of rows) yield row.stream_id;
      if (rows.length < options.batchSize) return;
      after = rows[rows.length - 1].stream_id;
    }
  }

  async countStreams(prefix?: string): Promise<number> {
    const tree = await this.treeExists(this.pool);
    const { rows } = await this.pool.query<{ count: string }>(
      `SELECT count(*) AS count FROM (SELECT stream_id FROM es_events UNION SELECT stream_id FROM es_streams${tree ? ' UNION SELECT stream_id FROM tl_leaves' : ''}) s
        WHERE $1::text IS NULL OR starts_with(stream_id, $1)`,
      [prefix ?? null],
    );
    return Number(rows[0].count);
  }

  get queryable(): Pool {
    return this.pool;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Nest calls this when the service shuts down. */
  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  private async treeExists(db: Pick<Pool, 'query'>): Promise<boolean> {
    if (this.hasTree === undefined) {
      const { rows } = await db.query<{ present: boolean }>("SELECT to_regclass('tl_leaves') IS NOT NULL AND to_regclass('tl_state') IS NOT NULL AS present");
      this.hasTree = rows[0].present;
    }
    return this.hasTree;
  }

  private async inSnapshot<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
