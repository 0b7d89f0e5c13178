import type { EventStore, RecordedEvent } from '../../event-store/event-store.port';
import { EVENT_COLUMNS, EventRow, toRecordedEvent } from '../../event-store/postgres/event-row';
import { readTreeState } from '../../transparency/notary.projection';
import type { AnchorFinding, TrustedCheckpoint } from './checkpoint-check';
import { LogReproduction } from './log-reproduction';
import type { Queryable } from '../../transparency/transparency-log';
import type { WitnessedNote } from './witnessed-checkpoints';

/** Pages of the global log in position order, after a position (exclusive). */
export type LogPages = (after: bigint | undefined, maxCount: number) => Promise<RecordedEvent[]>;

/** The port's global read: what fed the notary (EventStoreDB). */
export const logPagesOf =
  (store: Pick<EventStore, 'readAll'>): LogPages =>
  (after, maxCount) =>
    store.readAll({ after, maxCount });

/**
 * es_events read directly by position. The port's readAll holds back at the
 * cluster-wide oldest open transaction (so a live reader never skips a late
 * commit); events up to the notary's position are all committed already, and
 * an unrelated open transaction on a shared server must not look like a deletion.
 */
export const postgresLogPages =
  (db: Queryable): LogPages =>
  async (after, maxCount) => {
    const rows = await db.query<EventRow[]>(`SELECT ${EVENT_COLUMNS} FROM es_events WHERE position > $1 ORDER BY position LIMIT $2`, [
      String(after ?? -1n),
      maxCount,
    ]);
    return rows.map(toRecordedEvent);
  };

/**
 * Runs LogReproduction over a store: the events up to the notary's position
 * in position order, then the leaf rows in index order, both in pages.
 */
export async function reproduceLog(
  pages: LogPages,
  db: Queryable,
  checkpoints: readonly TrustedCheckpoint[],
  options: { batchSize: number; onProgress?: (events: number) => void },
): Promise<AnchorFinding[]> {
  const reproduction = new LogReproduction(checkpoints);
  const { position: notaryPosition } = await readTreeState(db);
  let after: bigint | undefined;
  let events = 0;
  read: for (;;) {
    const batch = await pages(after, options.batchSize);
    for (const event of batch) {
      if (event.position > notaryPosition) break read;
      reproduction.event(event);
      events++;
    }
    options.onProgress?.(events);
    if (batch.length < options.batchSize) break;
    after = batch[batch.length - 1].position;
  }
  let afterIndex = '-1';
  for (;;) {
    const rows = await db.query<Array<{ leaf_index: string; position: string; stream_id: string; revision: number }>>(
      'SELECT leaf_index, position, stream_id, revision FROM tl_leaves WHERE leaf_index > $1 ORDER BY leaf_index LIMIT $2',
      [afterIndex, options.batchSize],
    );
    for (const row of rows)
      reproduction.leaf({
        leafIndex: Number(row.leaf_index),
        position: BigInt(row.position),
        streamId: row.stream_id,
        revision: row.revision,
      });
    if (rows.length < options.batchSize) break;
    afterIndex = rows[rows.length - 1].leaf_index;
  }
  return reproduction.finish();
}

/** When the notary recorded signing each note it still has (tl_checkpoints): the dossier says "signed when". */
export async function signedAtByNote(db: Queryable): Promise<Map<string, Date>> {
  const rows = await db.query<Array<{ signed_note: string; signed_at: Date }>>(
    'SELECT signed_note, signed_at FROM tl_checkpoints ORDER BY signed_at',
  );
  return new Map(rows.map((row) => [row.signed_note, row.signed_at]));
}

/** The signed notes the database keeps, all or the largest few: trusted only as far as their signature verifies with a key from outside. */
export async function storedNotes(db: Queryable, largest?: number): Promise<WitnessedNote[]> {
  const rows = await db.query<Array<{ id: string; signed_note: string }>>(
    'SELECT id, signed_note FROM tl_checkpoints ORDER BY tree_size DESC, id DESC LIMIT $1',
    [largest ?? null],
  );
  return rows.map((row) => ({ note: row.signed_note, source: `tl_checkpoints #${row.id}` }));
}

/** When the notary recorded signing this note, if the database still has it. */
export async function signedAtOfNote(db: Queryable, note: string): Promise<Date | null> {
  const rows = await db.query<Array<{ signed_at: Date }>>(
    'SELECT signed_at FROM tl_checkpoints WHERE signed_note = $1 ORDER BY signed_at LIMIT 1',
    [note],
  );
  return rows[0]?.signed_at ?? null;
}
