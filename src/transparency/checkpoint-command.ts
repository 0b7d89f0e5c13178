import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { systemClock } from '../common/clock';
import { AppConfig, ConfigError, loadConfig } from '../config/config';
import { resolveDatabase, ResolvedDatabase } from '../database/database-url';
import { READ_MODELS } from '../projections/read-models.registry';
import { openReadModelsDataSource } from '../projections/runtime/read-models.data-source';
import { runningEmbeddedServer } from '../database/running-embedded-server';
import { signCheckpoint, SigningOutcome } from './checkpoint-signing';
import { loadNotaryKey, NotaryKeyError } from './notary-key';
import { Witness } from './witness';
import { messageOf } from '../common/error-message';

export const CHECKPOINT_HELP = `Usage: npm run audit:checkpoint -- [--wait-ms N]

Signs a checkpoint of the transparency log now (origin NOTARY_ORIGIN, the tree
size and root the notary has built, Ed25519 with the key in NOTARY_KEY_FILE),
stores it in tl_checkpoints and publishes it to WITNESS_DIR, then prints the
signed note on stdout. Nothing is signed when the tree did not grow since the
last checkpoint (that checkpoint is printed instead). It signs the tree as the
notary has built it: events the running service has not yet added are covered
by the next checkpoint.

The database is found like the service finds it (DATABASE_URL, else the
embedded PostgreSQL). Outside production a missing key file is generated.

  --wait-ms N   wait up to N ms for an instance that is signing right now (default 10000)
  --help        this text

Exit code: 0 signed or nothing new to sign, 1 the tree does not extend the last
signed checkpoint (never signed: run npm run audit:verify), 2 bad usage or an error.`;

export interface CommandIo {
  env: NodeJS.ProcessEnv;
  out: (text: string) => void;
  err: (text: string) => void;
}

function parse(argv: string[]): { waitMs: number } | 'help' | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { 'wait-ms': { type: 'string', default: '10000' }, help: { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return messageOf(error);
  }
  if (values.help) return 'help';
  const waitMs = Number(values['wait-ms']);
  if (!Number.isInteger(waitMs) || waitMs < 1 || waitMs > 600_000) return '--wait-ms must be a whole number from 1 to 600000';
  return { waitMs };
}

/** What the outcome prints and the exit code it gives. */
export function reportOutcome(outcome: SigningOutcome, io: Pick<CommandIo, 'out' | 'err'>): number {
  switch (outcome.kind) {
    case 'signed':
      io.err(`signed a checkpoint of ${outcome.checkpoint.treeSize} leaves; published to ${outcome.file}`);
      io.out(outcome.checkpoint.signedNote.trimEnd());
      return 0;
    case 'unchanged':
      io.err(
        `the tree did not grow since the checkpoint of ${outcome.checkpoint.treeSize} leaves signed at ${outcome.checkpoint.signedAt.toISOString()}: nothing new signed`,
      );
      io.out(outcome.checkpoint.signedNote.trimEnd());
      return 0;
    case 'empty':
      io.err('the tree is empty (the notary has added no event yet): nothing to sign');
      return 0;
    case 'behind':
      io.err(
        `the tree holds ${outcome.treeSize} leaves, fewer than the ${outcome.checkpoint.treeSize} already signed (a rebuild is under way): nothing signed`,
      );
      return 0;
    case 'busy':
      io.err('another instance is signing: try again');
      return 2;
    case 'inconsistent':
      io.err(`NOT signed: the tree does not extend the checkpoint of ${outcome.checkpoint.treeSize} leaves: ${outcome.detail}`);
      return 1;
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

/** The CLI without the process: argv and environment in, exit code out. */
export async function runCheckpointCommand(argv: string[], io: CommandIo): Promise<number> {
  const options = parse(argv);
  if (options === 'help') {
    io.out(CHECKPOINT_HELP);
    return 0;
  }
  if (typeof options === 'string') {
    io.err(`${options}\n\n${CHECKPOINT_HELP}`);
    return 2;
  }
  let config: AppConfig;
  let key;
  try {
    config = loadConfig(io.env);
    key = await loadNotaryKey({ keyFile: config.notaryKeyFile, origin: config.notaryOrigin, production: config.production, log: io.err });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof NotaryKeyError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
  let database: ResolvedDatabase | undefined;
  let dataSource: DataSource | undefined;
  try {
    database = (await runningEmbeddedServer(config)) ?? (await resolveDatabase(config, io.err));
    dataSource = await openReadModelsDataSource({
      url: database.url,
      readModels: READ_MODELS,
      poolSize: 2,
      applicationName: 'audit:checkpoint',
    });
    const outcome = await signCheckpoint({
      dataSource,
      key,
      origin: config.notaryOrigin,
      witness: new Witness(config.witnessDir),
      clock: systemClock,
      lockWaitMs: options.waitMs,
    });
    return reportOutcome(outcome, io);
  } catch (error) {
    io.err(`audit:checkpoint failed: ${messageOf(error)}`);
    return 2;
  } finally {
    await dataSource?.destroy().catch(() => undefined);
    await database?.embedded?.stop().catch(() => undefined);
  }
}
