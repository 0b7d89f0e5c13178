import 'reflect-metadata';
import { benchProjections } from './bench-projections';
import { JointPass, WRITTEN } from './joint-pass';
import { openLagBench, runLagScript } from './lag-bench';
import { lagLines, lagPhase } from './lag-phase';
import { percentile } from '../event-store/stats';
import { startCpuMeter } from './server-cpu';

const USAGE = `What one live pass for all four projections would do to the lag (#21, goal 3):
the bench's lag phase on a database a bench run kept (--keep), followed either by
the runtime's four runners, or by the JointPass experiment (bench/projections/joint-pass.ts):
one poll for all four, then one transaction for all (joint) or one each, at once (shared-poll).

Usage: node dist-bench/bench/projections/joint-lag.js <database url> <runners|joint|shared-poll> [seconds=20] [rate=500]
  LAG_READS    reads per second served meanwhile (default 20)
  JOINT_BATCH  events per batch of the experiment (default 500, as the runners')
  LAG_RECEIPT_COPY=1  receipts also carry their plan inline, as schema version 1 did, in a
               field no reader looks at: what plans by reference (version 2) save

Run the two modes alternately on one database: every run appends to it.`;

async function main(): Promise<void> {
  const [url, mode, secondsArg = '20', rateArg = '500'] = process.argv.slice(2);
  if (!url || (mode !== 'runners' && mode !== 'joint' && mode !== 'shared-poll')) {
    console.log(USAGE);
    process.exitCode = url === '--help' ? 0 : 2;
    return;
  }
  const bench = await openLagBench(url, `joint-lag-${mode}`);
  const { dataSource, store } = bench;
  const projections = benchProjections(bench.calendar);
  let onCommitted: (projection: string, position: bigint) => void = () => undefined;
  const joint =
    mode !== 'runners'
      ? new JointPass({
          projections,
          dataSource,
          store,
          batchSize: Number(process.env.JOINT_BATCH ?? '500'),
          separateTransactions: mode === 'shared-poll',
          onCommitted: (p, at) => onCommitted(p, at),
        })
      : undefined;
  try {
    const meter = startCpuMeter(bench.database);
    const result = await lagPhase(
      {
        ...(await bench.phase(Number(secondsArg), Number(rateArg))),
        projections,
        followers: joint
          ? (committed) => {
              onCommitted = committed;
              return [joint];
            }
          : undefined,
      },
      console.log,
    );
    console.log(`${mode}: appended ${result.appended} at ${result.achievedRate.toFixed(1)}/s; ${meter.summary()}`);
    if (joint) {
      const ms = joint.cycles.map((c) => c.ms).sort((a, b) => a - b);
      const sizes = joint.cycles.map((c) => c.events).sort((a, b) => a - b);
      console.log(
        `  joint batches: ${ms.length}, events p50 ${percentile(sizes, 50)} max ${sizes.at(-1)}; transaction ms p50 ${percentile(ms, 50).toFixed(1)} p95 ${percentile(ms, 95).toFixed(1)} max ${ms.at(-1)?.toFixed(1)}`,
      );
    }
    for (const [name, w] of WRITTEN)
      console.log(
        `  ${name}: ${w.statements} held writes, ${(w.bytes / Math.max(1, w.events)).toFixed(0)} bytes of statement text per event`,
      );
    for (const line of lagLines(result)) console.log(line);
  } finally {
    await bench.close();
  }
}

runLagScript(main);
