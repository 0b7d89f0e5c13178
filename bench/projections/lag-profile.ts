import 'reflect-metadata';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Pool } from 'pg';
import type { EntityManager } from 'typeorm';
import type { GlobalPosition, RecordedEvent } from '../../src/event-store/event-store.port';
import type { Projection } from '../../src/projections/runtime/projection';
import { POLL_SQL } from '../../src/event-store/postgres/read-queries';
import { percentile, table } from '../event-store/stats';
import { benchProjections } from './bench-projections';
import { openLagBench, runLagScript } from './lag-bench';
import { startCpuMeter } from './server-cpu';
import { declarationOf, StatementTally, timeStatements } from './statement-tally';
import { lagLines, lagPhase } from './lag-phase';

/**
 * Where the lag goes, on a database a bench run kept (--keep):
 * `node dist-bench/bench/projections/lag-profile.js <database url> [seconds] [rate] [projection,...]`.
 * Runs the bench's lag phase (the runtime's runners, appends at a fixed rate,
 * reads meanwhile) and splits each event's lag, per projection, into: append
 * returned -> the subscription's next poll started (the runner busy with the
 * batch before) -> polls that did not see it yet (a transaction below it
 * still open) -> the poll that saw it -> apply began -> apply ended -> the
 * batch committed. Also prints each projection's statements in apply, the
 * event store's round trips, and the CPU this process, the database's
 * backends and the machine used. Projections: all four unless named.
 * LAG_READS (default 20) reads per second meanwhile; LAG_RECEIPT_COPY=1 gives
 * receipts their plan inline too, as schema version 1 (lag-phase.ts); LAG_EXTRA_ROUND_TRIPS
 * adds that many `SELECT 1` round trips to the end of every batch's apply (what
 * one more round trip per batch costs; the first also sends the writes the
 * batch held for its closing round trip, see writeWithBatch).
 */
/** One subscription poll: when it started and returned, and the head (last finished position) it saw. */
interface PollMark {
  start: number;
  end: number;
  head: GlobalPosition;
}

/** Which projection's subscription a poll runs for: its loop runs in the context subscribeToAll was called in. */
const subscriber = new AsyncLocalStorage<string>();

/** Records every poll of the store's subscriptions on `pool`, by projection. */
function tracePolls(pool: Pool, polls: Map<string, PollMark[]>, queries: Map<string, number>): void {
  const query: unknown = Reflect.get(pool, 'query');
  if (typeof query !== 'function') throw new Error('pg Pool without query()');
  Reflect.set(pool, 'query', async (config: unknown, ...rest: unknown[]) => {
    const who = subscriber.getStore();
    const text: unknown = typeof config === 'object' && config !== null ? Reflect.get(config, 'text') : config;
    const isPoll = text === POLL_SQL;
    const kind = isPoll ? 'poll' : String(text).replace(/\s+/g, ' ').slice(0, 40);
    queries.set(kind, (queries.get(kind) ?? 0) + 1);
    const start = performance.now();
    const result: unknown = await Reflect.apply(query, pool, [config, ...rest]);
    if (isPoll && who !== undefined) {
      const rows: unknown = typeof result === 'object' && result !== null ? Reflect.get(result, 'rows') : undefined;
      const head: unknown = Array.isArray(rows) && rows.length > 0 ? Reflect.get(rows[0], 'head') : undefined;
      polls.get(who)?.push({ start, end: performance.now(), head: typeof head === 'string' ? BigInt(head) : 0n });
    }
    return result;
  });
}

interface Marks {
  read?: number;
  applyStart?: number;
  applyEnd?: number;
  batch?: number;
}

const EXTRA_ROUND_TRIPS = Number(process.env.LAG_EXTRA_ROUND_TRIPS ?? '0');

function traced(projection: Projection, marks: Map<GlobalPosition, Marks>, statements: StatementTally): Projection {
  const mark = (events: readonly RecordedEvent[], set: (m: Marks) => void) => {
    for (const e of events) {
      const m = marks.get(e.position) ?? {};
      set(m);
      marks.set(e.position, m);
    }
  };
  return {
    ...declarationOf(projection),
    // Named after the projection: the runner passes it bound as onRead, and the name is what survives the binding.
    prepare: {
      [`prepare:${projection.name}`]: (events: readonly RecordedEvent[]) => {
        const now = performance.now();
        mark(events, (m) => (m.read ??= now));
        projection.prepare?.(events);
      },
    }[`prepare:${projection.name}`],
    apply: async (events, tx: EntityManager) => {
      const restore = timeStatements(tx, statements, 50);
      const start = performance.now();
      try {
        await projection.apply(events, tx);
        // LAG_EXTRA_ROUND_TRIPS: what one more round trip per batch costs (what merging statements would save).
        for (let i = 0; i < EXTRA_ROUND_TRIPS; i++) await tx.query('SELECT 1');
      } finally {
        restore();
      }
      const end = performance.now();
      mark(events, (m) => {
        m.applyStart = start;
        m.applyEnd = end;
        m.batch = events.length;
      });
    },
  };
}

async function main(): Promise<void> {
  const [url, secondsArg = '20', rateArg = '500', only] = process.argv.slice(2);
  if (!url) throw new Error('usage: lag-profile.js <database url> [seconds] [rate] [projection,...]');
  const storePool = new Pool({ connectionString: url, max: 4 });
  const polls = new Map<string, PollMark[]>();
  const queries = new Map<string, number>();
  tracePolls(storePool, polls, queries);
  const bench = await openLagBench(url, 'lag-profile', storePool);
  const { store } = bench;
  const subscribe = store.subscribeToAll.bind(store);
  // The runner subscribes with its projection's prepare as onRead: the traced one says whose subscription it is.
  store.subscribeToAll = (options, handler) =>
    subscriber.run(options.onRead?.name.replace(/^bound prepare:/, '') ?? '?', () => subscribe(options, handler));
  const names = only?.split(',');
  const chosen = benchProjections(bench.calendar).filter((p) => !names || names.includes(p.name));
  const marks = new Map(chosen.map((p) => [p.name, new Map<GlobalPosition, Marks>()]));
  for (const p of chosen) polls.set(p.name, []);
  const statements = new Map(chosen.map((p) => [p.name, new Map() satisfies StatementTally]));
  const traces = chosen.map((p) => traced(p, marks.get(p.name) ?? new Map(), statements.get(p.name) ?? new Map()));
  const appended = new Map<GlobalPosition, number>();
  const commits = new Map<string, { position: GlobalPosition; at: number }[]>(chosen.map((p) => [p.name, []]));
  try {
    const meter = startCpuMeter(bench.database);
    const result = await lagPhase(
      {
        ...(await bench.phase(Number(secondsArg), Number(rateArg))),
        projections: traces,
        trace: {
          appended: (position, at) => appended.set(position, at),
          committed: (name, position, at) => commits.get(name)?.push({ position, at }),
        },
      },
      console.log,
    );
    console.log(`appended ${result.appended} at ${result.achievedRate.toFixed(1)}/s; ${meter.summary()}`);
    const rows: string[][] = [];
    const inLogOrder = [...appended].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    for (const p of chosen) {
      const byPosition = marks.get(p.name) ?? new Map<GlobalPosition, Marks>();
      const committed = commits.get(p.name) ?? [];
      const polled = polls.get(p.name) ?? [];
      const parts = {
        wait: [] as number[],
        held: [] as number[],
        poll: [] as number[],
        hold: [] as number[],
        queue: [] as number[],
        apply: [] as number[],
        commit: [] as number[],
        total: [] as number[],
      };
      const tail: { hold: number; queue: number; apply: number; commit: number; batch: number; total: number }[] = [];
      let c = 0;
      for (const [position, at] of inLogOrder) {
        const m = byPosition.get(position);
        if (!m?.read || m.applyStart === undefined || m.applyEnd === undefined) continue;
        while (c < committed.length && committed[c].position < position) c += 1;
        if (c >= committed.length) break;
        const done = committed[c].at;
        const d = {
          hold: Math.max(0, m.read - at),
          queue: Math.max(0, m.applyStart - Math.max(m.read, at)),
          apply: m.applyEnd - Math.max(m.applyStart, at),
          commit: done - Math.max(m.applyEnd, at),
          batch: m.batch ?? 0,
        };
        const total = Math.max(0, done - at);
        const next = polled.find((q) => q.start >= at);
        const seen = polled.find((q) => q.head >= position);
        if (next && seen && seen.start >= next.start) {
          parts.wait.push(next.start - at);
          parts.held.push(seen.start - next.start);
          parts.poll.push(seen.end - seen.start);
        } else {
          parts.wait.push(0);
          parts.held.push(0);
          parts.poll.push(seen ? Math.max(0, seen.end - at) : 0);
        }
        parts.hold.push(d.hold);
        parts.queue.push(d.queue);
        parts.apply.push(Math.max(0, d.apply));
        parts.commit.push(Math.max(0, d.commit));
        parts.total.push(total);
        tail.push({ ...d, apply: Math.max(0, d.apply), commit: Math.max(0, d.commit), total });
      }
      const totals = [...parts.total].sort((a, b) => a - b);
      const p90 = percentile(totals, 90);
      const worst = tail.filter((w) => w.total >= p90);
      const mean = (xs: number[]) => xs.reduce((n, x) => n + x, 0) / Math.max(1, xs.length);
      const fmt = (xs: number[]) => {
        const s = [...xs].sort((a, b) => a - b);
        return `${percentile(s, 50).toFixed(1)} / ${percentile(s, 95).toFixed(1)} / ${mean(s).toFixed(1)}`;
      };
      rows.push([
        p.name,
        String(totals.length),
        fmt(parts.total),
        fmt(parts.hold),
        fmt(parts.wait),
        fmt(parts.held),
        fmt(parts.poll),
        String(polled.length),
        fmt(parts.queue),
        fmt(parts.apply),
        fmt(parts.commit),
        `${mean(worst.map((w) => w.hold)).toFixed(1)} + ${mean(worst.map((w) => w.queue)).toFixed(1)} + ${mean(worst.map((w) => w.apply)).toFixed(1)} + ${mean(worst.map((w) => w.commit)).toFixed(1)} (batch ${mean(worst.map((w) => w.batch)).toFixed(0)})`,
      ]);
    }
    console.log('each cell p50 / p95 / mean, ms; the last column: the slowest tenth of events, mean of each part');
    console.log(
      table(
        [
          'projection',
          'events',
          'lag',
          'append→read',
          '  of it: →next poll',
          'polls too early',
          'the poll that saw it',
          'polls',
          'read→apply',
          'apply',
          'apply→commit',
          'slowest 10%: read + queue + apply + commit',
        ],
        rows,
      ),
    );
    console.log("  the event store's queries (round trips):");
    for (const [kind, n] of queries) console.log(`    ${String(n).padStart(6)}  ${kind}`);
    for (const [name, tally] of statements) {
      console.log(`  ${name}: statements in apply`);
      for (const [sql, t] of tally) console.log(`    ${String(t.n).padStart(6)} × ${(t.ms / t.n).toFixed(2).padStart(6)} ms  ${sql}`);
    }
    for (const line of lagLines(result)) console.log(line);
  } finally {
    await bench.close();
  }
}

runLagScript(main);
