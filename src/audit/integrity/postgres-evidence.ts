import type { DataSource } from 'typeorm';
import { EVENT_COLUMNS, EventRow, toRecordedEvent } from '../../event-store/postgres/event-row';
import type { Queryable } from '../../transparency/transparency-log';
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
 * whose events were all deleted is still visited. Uses the connections of the
 * DataSource it is given (the read models' in the service): no pool of its own.
 */
export class PostgresStreamEvidence implements StreamEvidenceReader {
  private hasTree: boolean | undefined;

  constructor(private readonly db: DataSource) {}

  async read(streamId: string): Promise<StreamEvidence> {
    return this.inSnapshot(async (tx) => {
      const heads = await tx.query<Array<{ revision: string; last_hash: string }>>(
        'SELECT revision, last_hash FROM es_streams WHERE stream_id = $1',
        [streamId],
      );
      const events = await tx.query<EventRow[]>(`SELECT ${EVENT_COLUMNS} FROM es_events WHERE stream_id = $1 ORDER BY revision`, [
        streamId,
      ]);
      const headRow = heads[0];
      const evidence: StreamEvidence = {
        events: events.map(toRecordedEvent),
        headCheck: {
          head: headRow ? { streamId, revision: Number(headRow.revision), lastHash: headRow.last_hash } : undefined,
          sameSnapshot: true,
        },
      };
      if (await this.treeExists(tx)) {
        const leaves = await tx.query<LeafRow[]>(
          'SELECT leaf_index, position, revision, event_id::text AS event_id, leaf_hash FROM tl_leaves WHERE stream_id = $1 ORDER BY revision, leaf_index',
          [streamId],
        );
        const state = await tx.query<Array<{ position: string }>>('SELECT position FROM tl_state WHERE id = 1');
        evidence.logCheck = { leaves: leaves.map(toLeaf), notaryPosition: BigInt(state[0]?.position ?? '0') };
      }
      return evidence;
    });
  }

  /** Keyset pages of every stream id in es_events, es_streams or tl_leaves. */
  async *streamIds(options: { batchSize: number; prefix?: string }): AsyncIterable<string> {
    const tree = await this.treeExists(this.db);
    const sources = [
      'SELECT stream_id FROM es_events',
      'SELECT stream_id FROM es_streams',
      ...(tree ? ['SELECT stream_id FROM tl_leaves'] : []),
    ];
    let after = '';
    for (;;) {
      const page = sources.map(
        (from) => `(${from} WHERE stream_id > $1 AND ($2::text IS NULL OR starts_with(stream_id, $2)) ORDER BY stream_id LIMIT $3)`,
      );
      const rows = await this.db.query<Array<{ stream_id: string }>>(
        `SELECT DISTINCT stream_id FROM (${page.join(' UNION ALL ')}) s ORDER BY stream_id LIMIT $3`,
        [after, options.prefix ?? null, options.batchSize],
      );
      for (const row of rows) yield row.stream_id;
      if (rows.length < options.batchSize) return;
      after = rows[rows.length - 1].stream_id;
    }
  }

  async countStreams(prefix?: string): Promise<number> {
    const tree = await this.treeExists(this.db);
    const rows = await this.db.query<Array<{ count: string }>>(
      `SELECT count(*) AS count FROM (SELECT stream_id FROM es_events UNION SELECT stream_id FROM es_streams${tree ? ' UNION SELECT stream_id FROM tl_leaves' : ''}) s
        WHERE $1::text IS NULL OR starts_with(stream_id, $1)`,
      [prefix ?? null],
    );
    return Number(rows[0].count);
  }

  private async treeExists(db: Queryable): Promise<boolean> {
    if (this.hasTree === undefined) {
      const rows = await db.query<Array<{ present: boolean }>>(
        "SELECT to_regclass('tl_leaves') IS NOT NULL AND to_regclass('tl_state') IS NOT NULL AS present",
      );
      this.hasTree = rows[0]?.present === true;
    }
    return this.hasTree;
  }

  private async inSnapshot<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      const result = await work(runner.manager);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }
}
