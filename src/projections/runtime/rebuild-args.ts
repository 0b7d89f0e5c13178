import { parseArgs } from 'node:util';
import { REBUILD_BATCH_SIZE } from './rebuild-batch';
import { messageOf } from '../../common/error-message';

export const REBUILD_HELP = `Usage: npm run projections:rebuild -- [NAME ...] [--batch-size N] [--wait-seconds N] [--skip-disk-check]
       npm run projections:rebuild -- --list

Rebuilds read models from the event store, from position zero, atomically for
readers: fills empty copies of each read model's tables from the log, read once
in batches and fed to every chosen projection at the same time, while the live
tables keep serving; then takes each projection's lock (an instance running it
hands it over and resumes afterwards) and swaps every copy in, with the
checkpoints, in one transaction. A failure before the swap changes nothing.
Progress (events read from the log) goes to stderr. Without NAME every
projection is rebuilt.

Disk: the copies need room until the swap, at least what the live tables take
now. When the database server runs on this machine (a Unix socket or a loopback
address) and its data_directory can be read, the rebuild does not start with
less free space than that; otherwise it says the check was not made, and starts.

Memory: at most three batches are held. The npm script caps the heap at 640 MB
(REBUILD_HEAP_MB=N sets another cap); lower --batch-size for very large events.

The database is DATABASE_URL, or the embedded PostgreSQL when it is unset
(exactly as the service starts).

  NAME              projection to rebuild (see --list)
  --batch-size N    events per transaction (default 10000; lower it to use less memory)
  --wait-seconds N  how long to wait for a running instance to hand over (default 120)
  --skip-disk-check start even with less free space than the live tables take
  --list            print the projection names and exit
  --help            this text`;

export type RebuildCommand =
  | { kind: 'help' }
  | { kind: 'list' }
  | { kind: 'rebuild'; names: string[]; batchSize: number; waitSeconds: number; skipDiskCheck: boolean }
  | { kind: 'error'; message: string };

function positive(raw: string | undefined, fallback: number, flag: string, max: number): number | string {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) return `${flag} must be a whole number from 1 to ${max}`;
  return Number(raw);
}

export function parseRebuildArgs(argv: string[]): RebuildCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        list: { type: 'boolean' },
        'batch-size': { type: 'string' },
        'wait-seconds': { type: 'string' },
        'skip-disk-check': { type: 'boolean' },
      },
    });
  } catch (error) {
    return { kind: 'error', message: messageOf(error) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.list) return { kind: 'list' };
  const batchSize = positive(values['batch-size'], REBUILD_BATCH_SIZE, '--batch-size', 100_000);
  if (typeof batchSize === 'string') return { kind: 'error', message: batchSize };
  const waitSeconds = positive(values['wait-seconds'], 120, '--wait-seconds', 86_400);
  if (typeof waitSeconds === 'string') return { kind: 'error', message: waitSeconds };
  return { kind: 'rebuild', names: [...new Set(positionals)], batchSize, waitSeconds, skipDiskCheck: values['skip-disk-check'] === true };
}
