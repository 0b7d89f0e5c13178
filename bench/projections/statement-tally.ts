import type { EntityManager } from 'typeorm';
import type { Projection } from '../../src/projections/runtime/projection';

/** Statements by their first characters: how many ran and the milliseconds their awaits took. */
export type StatementTally = Map<string, { n: number; ms: number }>;

/**
 * Times every statement sent through `tx` (the await: database time plus the
 * round trip) into `tally`, keyed by its first `keyLength` characters;
 * returns what puts `tx` back as it was.
 */
export function timeStatements(tx: EntityManager, tally: StatementTally, keyLength: number): () => void {
  const query = tx.query.bind(tx);
  tx.query = async <T>(sql: string, parameters?: unknown[]): Promise<T> => {
    const key = sql.replace(/\s+/g, ' ').trim().slice(0, keyLength);
    const t = performance.now();
    try {
      return await query<T>(sql, parameters);
    } finally {
      const s = tally.get(key) ?? { n: 0, ms: 0 };
      s.n += 1;
      s.ms += performance.now() - t;
      tally.set(key, s);
    }
  };
  return () => {
    tx.query = query;
  };
}

/** What a wrapper of `projection` keeps of it: everything but apply and prepare, which the wrapper supplies. */
export function declarationOf(projection: Projection): Omit<Projection, 'apply' | 'prepare'> {
  const { name, eventTypes, streamPrefixes, tables, appendOnlyTables, settleMs, batchSize } = projection;
  return { name, eventTypes, streamPrefixes, tables, appendOnlyTables, settleMs, batchSize };
}
