import type { EventStore } from '../../event-store/event-store.port';
import { readTreeState } from '../../transparency/notary.projection';
import type { AnchorFinding, TrustedCheckpoint } from './checkpoint-check';
import { LogReproduction } from './log-reproduction';
import type { Queryable } from '../../transparency/transparency-log';
import type { WitnessedNote } from './witnessed-checkpoints';

/**
 * Runs LogReproduction over any store: the events up to the notary's position
 * through the port's global read (what fed the notary), then the leaf rows in
 * index order, both in pages.
 */
export async function reproduceLog(
  store: Pick<EventStore, 'readAll'>,
  db: Queryable,
  checkpoints: readonly TrustedCheckpoint[],
  options: { batchSize: number; onProgress?: (events: number) => void },
): Promise<AnchorFinding[]> {
  const reproduction = new LogReproduction(checkpoints);
  const { position: notaryPosition } = await readTreeState(db);
  let after: bigint | undefined;
  let events = 0;
  read: for (;;) {
    const batch = await store.readAll({ after, maxCount: options.batchSize });
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
    for (const row of rows) reproduction.leaf({ leafIndex: Number(row.leaf_index), position: BigInt(row.position), streamId: row.stream_id, revision: row.revision });
    if (rows.length < options.batchSize) break;
    afterIndex = rows[rows.length - 1].leaf_index;
  }
  return reproduction.finish();
}

/** When the notary recorded signing each note it still has (tl_checkpoints): the dossier says "signed when". */
export async function signedAtByNote(db: Queryable): Promise<Map<string, Date>> {
  const rows = await db.query<Array<{ signed_note: string; signed_at: Date }>>('SELECT signed_note, signed_at FROM tl_checkpoints ORDER BY signed_at');
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
  const rows = await db.query<Array<{ signed_at: Date }>>('SELECT signed_at FROM tl_checkpoints WHERE signed_note = $1 ORDER BY signed_at LIMIT 1', [note]);
  return rows[0]?.signed_at ?? null;
}
