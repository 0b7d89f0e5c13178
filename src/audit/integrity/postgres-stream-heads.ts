import { Pool } from 'pg';
import { HeadReader, StreamRef, StreamSource } from './stream-source';
import { StreamHead } from './stream-verdict';

interface HeadRow {
  stream_id: string;
  revision: string;
  last_hash: string;
}

const toHead = (row: HeadRow): StreamHead => ({ streamId: row.stream_id, revision: Number(row.revision), lastHash: row.last_hash });

/**
 * The PostgreSQL event store's stream heads (es_streams), read directly: the
 * port has no stream list, and the audit must not change the event store.
 * es_append writes a stream's head in the same transaction as its events, so a
 * head read before the stream's events never names more than they hold, unless
 * events were removed.
 */
export class PostgresStreamHeads implements StreamSource, HeadReader {
  readonly description = 'PostgreSQL event store (es_streams)';
  private readonly pool: Pool;

  constructor(connectionString: string) {
    this.pool = new Pool({ connectionString, max: 2, connectionTimeoutMillis: 10_000 });
    this.pool.on('error', () => undefined); // an idle connection dropped by the server; the next query reconnects
  }

  async head(streamId: string): Promise<StreamHead | undefined> {
    const { rows } = await this.pool.query<HeadRow>('SELECT stream_id, revision, last_hash FROM es_streams WHERE stream_id = $1', [streamId]);
    return rows[0] ? toHead(rows[0]) : undefined;
  }

  async total(prefix?: string): Promise<number> {
    const { rows } = await this.pool.query<{ count: string }>('SELECT count(*) AS count FROM es_streams WHERE $1::text IS NULL OR starts_with(stream_id, $1)', [
      prefix ?? null,
    ]);
    return Number(rows[0].count);
  }

  /** Keyset pages by stream id: each page is one index range scan, whatever the number of streams. */
  async *streams(options: { batchSize: number; prefix?: string }): AsyncIterable<StreamRef> {
    let after = '';
    for (;;) {
      const { rows } = await this.pool.query<HeadRow>(
        `SELECT stream_id, revision, last_hash FROM es_streams
          WHERE stream_id > $1 AND ($2::text IS NULL OR starts_with(stream_id, $2))
          ORDER BY stream_id LIMIT $3`,
        [after, options.prefix ?? null, options.batchSize],
      );
      for (const row of rows) yield { streamId: row.stream_id, headCheck: { head: toHead(row) } };
      if (rows.length < options.batchSize) return;
      after = rows[rows.length - 1].stream_id;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
