import type { DataSource } from 'typeorm';
import type { EventFilter, EventStore, GlobalPosition } from '../../event-store/event-store.port';

/** Events matching `filter` in (0, upTo]: the rebuild's total. */
export type CountEvents = (filter: EventFilter | undefined, upTo: GlobalPosition) => Promise<number>;

/**
 * The PostgreSQL store keeps its log in es_events of the same database: one
 * count(*) over the index. (The event-store port has no count; this is the
 * rebuild's only look behind it, and only for the progress total.)
 */
export const countInPostgresLog =
  (dataSource: DataSource): CountEvents =>
  async (filter, upTo) => {
    const rows: Array<{ n: string }> = await dataSource.query(
      `SELECT count(*) AS n FROM es_events
        WHERE position <= $1
          AND ($2::text[] IS NULL OR stream_id ^@ ANY ($2::text[]))
          AND ($3::text[] IS NULL OR type = ANY ($3::text[]))`,
      [upTo.toString(), filter?.streamPrefixes ?? null, filter?.eventTypes ?? null],
    );
    return Number(rows[0].n);
  };

/** Any store (EventStoreDB): pages through the log once, without keeping it. */
export const countByReading =
  (store: EventStore, pageSize = 2000): CountEvents =>
  async (filter, upTo) => {
    let after = 0n;
    let n = 0;
    for (;;) {
      const page = await store.readAll({ after, maxCount: pageSize, filter });
      for (const e of page) if (e.position <= upTo) n += 1;
      if (page.length < pageSize || page[page.length - 1].position >= upTo) return n;
      after = page[page.length - 1].position;
    }
  };
