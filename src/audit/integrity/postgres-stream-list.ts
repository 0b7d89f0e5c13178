import { Pool } from 'pg';
import { StreamRef, StreamSource } from './stream-source';

/**
 * The PostgreSQL event store's streams, listed directly from es_events (the
 * port has no stream list, and the audit must not change the event store).
 * As on EventStoreDB, the chain shows edits and deleted events but not a tail
 * cut off a stream: that needs the heads anchored outside the database (see
 * README); a head row in the same database proves nothing against an editor.
 */
export class PostgresStreamList implements StreamSource {
  readonly description = 'PostgreSQL event store (es_events)';
  private readonly pool: Pool;

  constructor(connectionString: string) {
    this.pool = new Pool({ connectionString, max: 2, connectionTimeoutMillis: 10_000 });
    this.pool.on('error', () => undefined); // an idle connection dropped by the server; the next query reconnects
  }

  async total(prefix?: string): Promise<number> {
    const { rows } = await this.pool.query<{ count: string }>(
      'SELECT count(DISTINCT stream_id) AS count FROM es_events WHERE $1::text IS NULL OR starts_with(stream_id, $1)',
      [prefix ?? null],
    );
    return Number(rows[0].count);
  }

  /** Keyset pages of distinct stream ids over the (stream_id, revision) index. */
  async *streams(options: { batchSize: number; prefix?: string }): AsyncIterable<StreamRef> {
    let after = '';
    for (;;) {
      const { rows } = await this.pool.query<{ stream_id: string }>(
        `SELECT DISTINCT stream_id FROM es_events
          WHERE stream_id > $1 AND ($2::text IS NULL OR starts_with(stream_id, $2))
          ORDER BY stream_id LIMIT $3`,
        [after, options.prefix ?? null, options.batchSize],
      );
      for (const row of rows) yield { streamId: row.stream_id };
      if (rows.length < options.batchSize) return;
      after = rows[rows.length - 1].stream_id;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
