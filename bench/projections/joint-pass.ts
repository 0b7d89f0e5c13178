import type { DataSource } from 'typeorm';
import type { EventStore, GlobalPosition, RecordedEvent, Subscription } from '../../src/event-store/event-store.port';
import { inBatchTransaction, isTextClient, RIDES, STATEMENT_SEPARATOR } from '../../src/projections/runtime/batch-transaction';
import { holdingWrites } from '../../src/projections/runtime/batch-writes';
import { guardCheckpointStatement } from '../../src/projections/runtime/checkpoint-guard';
import { advanceCheckpointStatement, readCheckpoints } from '../../src/projections/runtime/checkpoints';
import { inlineParameters, quoteLiteral } from '../../src/projections/runtime/inline-parameters';
import { nextCheckpoint } from '../../src/projections/runtime/next-checkpoint';
import type { Projection } from '../../src/projections/runtime/projection';
import { LIVE_BATCH_OPENING, liveBatchSteps } from '../../src/projections/runtime/projection-runner';
import { matcherOf, unionFilterOf } from '../../src/projections/runtime/projection-filter';

/**
 * An experiment for #21's goal 3, not the runtime: what one live pass for
 * every projection would cost, as the rebuild already reads the log once for
 * all. One subscription (the projections' filters' union), and per batch one
 * transaction for all of them: the projections' first reads go to the server
 * together in one simple-protocol text, their writes, every checkpoint's
 * fence and move and the COMMIT in another. A cycle is then three round trips
 * (poll, reads, writes) where four runners make twelve. Left out, because
 * they do not change what a batch costs: the advisory locks, failure
 * isolation (a failing batch fails the run), blocks, hand-overs to a rebuild.
 */
export class JointPass {
  private subscription: Subscription | undefined;
  private failure: unknown;
  private running = false;
  private stopped = false;
  /** Each batch's size and its transaction's time, for the summary. */
  readonly cycles: Array<{ events: number; ms: number }> = [];

  constructor(
    private readonly deps: {
      projections: Projection[];
      dataSource: DataSource;
      store: EventStore;
      batchSize: number;
      /** One poll for all, but each projection's batch in a transaction of its own, as the runners do (four at once). */
      separateTransactions?: boolean;
      onCommitted: (projection: string, position: GlobalPosition) => void;
    },
  ) {}

  get status(): { state: 'running' | 'standby' | 'failed' } {
    return { state: this.failure !== undefined ? 'failed' : this.running ? 'running' : 'standby' };
  }

  start(): void {
    void this.follow().catch((error: unknown) => {
      this.failure = error;
      console.error('joint pass failed:', error);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.stop();
  }

  private async follow(): Promise<void> {
    const { projections, dataSource, store, batchSize, onCommitted } = this.deps;
    const checkpoints = await readCheckpoints(
      dataSource,
      projections.map((p) => p.name),
    );
    if (this.stopped) return;
    const at = new Map(projections.map((p) => [p.name, checkpoints.get(p.name)?.position ?? 0n]));
    const from = [...at.values()].reduce((a, b) => (b < a ? b : a));
    const matchers = new Map(projections.map((p) => [p.name, matcherOf(p)]));
    this.subscription = store.subscribeToAll(
      { after: from === 0n ? undefined : from, batchSize, filter: unionFilterOf(projections), progress: true },
      async (events, { readThrough }) => {
        const parts = projections.map((projection) => {
          const expected = at.get(projection.name) ?? 0n;
          const match = matchers.get(projection.name) ?? (() => false);
          const mine = events.filter((e) => e.position > expected && match(e));
          return { projection, mine, expected, target: nextCheckpoint(expected, mine, readThrough) };
        });
        const moving = parts.filter((p) => p.target !== p.expected);
        if (moving.length === 0) return;
        for (const { projection, mine } of moving) if (mine.length > 0) projection.prepare?.(mine);
        const t = performance.now();
        if (this.deps.separateTransactions)
          await Promise.all(moving.map((p) => inBatchTransaction(dataSource, liveBatchSteps(p.projection, p.mine, p.expected, p.target))));
        else await jointTransaction(dataSource, moving);
        const ms = performance.now() - t;
        this.cycles.push({ events: events.length, ms });
        for (const { projection, target } of moving) {
          at.set(projection.name, target);
          onCommitted(projection.name, target);
        }
      },
    );
    this.running = true;
    await this.subscription.done;
  }
}

interface Part {
  projection: Projection;
  mine: RecordedEvent[];
  expected: GlobalPosition;
  target: GlobalPosition;
}

type Outcome = { results: unknown[]; index: number } | { error: Error };

/** Per projection: the text its held writes took, over how many events (joint mode). */
export const WRITTEN = new Map<string, { bytes: number; events: number; statements: number }>();

function writtenBy(projection: string): { bytes: number; events: number; statements: number } {
  let tally = WRITTEN.get(projection);
  if (tally === undefined) WRITTEN.set(projection, (tally = { bytes: 0, events: 0, statements: 0 }));
  return tally;
}

/**
 * Every part's apply runs at once on its own EntityManager over one
 * connection. A statement one of them sends waits until each of the others
 * waits on one too (or has finished): then they all go in one text, after
 * what the transaction still owes the server (the opening; the fences before
 * the first write; the writes held so far).
 */
async function jointTransaction(dataSource: DataSource, parts: Part[]): Promise<void> {
  const runner = dataSource.createQueryRunner();
  const connection: unknown = await runner.connect();
  if (!isTextClient(connection)) throw new Error('needs a pg connection');
  const client = connection;
  const owed: string[] = [...LIVE_BATCH_OPENING];
  const fences = parts.map((p) => guardCheckpointStatement(quoteLiteral(p.projection.name), p.expected));
  const fenceBeforeWrites = () => owed.push(...fences.splice(0));
  const waiting: Array<{ sql: string; settle: (outcome: Outcome) => void }> = [];
  let active = parts.length;
  const flush = async () => {
    if (waiting.length === 0 || waiting.length < active) return;
    const asked = waiting.splice(0);
    const text = [...owed.splice(0), ...asked.map((w) => w.sql)].join(STATEMENT_SEPARATOR);
    try {
      const result = await client.query<unknown>(text);
      const results = Array.isArray(result) ? result : [result];
      const offset = results.length - asked.length;
      asked.forEach((w, i) => w.settle({ results, index: offset + i }));
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      asked.forEach((w) => w.settle({ error: failure }));
    }
  };
  const sharing = parts.map((part) => ({ part, manager: dataSource.createEntityManager(runner) }));
  for (const { manager } of sharing) {
    manager.query = async <R>(sql: string, parameters?: unknown[]): Promise<R> => {
      if (!RIDES.test(sql)) fenceBeforeWrites();
      const outcome = await new Promise<Outcome>((settle) => {
        waiting.push({ sql: inlineParameters(sql, parameters ?? []), settle });
        void flush();
      });
      if ('error' in outcome) throw outcome.error;
      const result = outcome.results[outcome.index];
      if (!hasRows<R>(result)) throw new Error(`no rows for: ${sql.slice(0, 60)}`);
      return result.rows;
    };
  }
  try {
    await Promise.all(
      sharing.map(async ({ part, manager }) => {
        try {
          if (part.mine.length > 0) {
            const tally = writtenBy(part.projection.name);
            tally.events += part.mine.length;
            await holdingWrites(
              manager,
              (write) => {
                fenceBeforeWrites();
                const text = inlineParameters(write.sql, write.params);
                owed.push(text);
                tally.bytes += text.length;
                tally.statements += 1;
              },
              () => part.projection.apply(part.mine, manager),
            );
          }
        } finally {
          active -= 1;
          void flush();
        }
      }),
    );
    fenceBeforeWrites();
    const advances = parts.map((p) => advanceCheckpointStatement(quoteLiteral(p.projection.name), p.target));
    await client.query([...owed.splice(0), ...advances, 'COMMIT'].join(STATEMENT_SEPARATOR));
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

/** pg's result of one statement; R is the caller's claim about its rows, as TypeORM's query lets it claim. */
function hasRows<R>(value: unknown): value is { rows: R } {
  return typeof value === 'object' && value !== null && 'rows' in value && Array.isArray(value.rows);
}
