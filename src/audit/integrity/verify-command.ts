import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkAnchors } from '../anchor/anchor-audit';
import { reproduceLog, signedAtByNote, storedNotes } from '../anchor/reproduce-log';
import { WitnessDirectory } from '../anchor/witness-directory';
import { parseVerifierKey } from '../../transparency/checkpoint-note';
import { TransparencyLog } from '../../transparency/transparency-log';
import { AppConfig, ConfigError, loadConfig } from '../../config/config';
import { verifyAllStreams } from './verify-all';
import { formatSummary } from './verify-format';
import { hasTree, Opened, openForVerify } from './verify-open';
import { messageOf } from '../../common/error-message';

export { formatSummary } from './verify-format';

export const VERIFY_HELP = `Usage: npm run audit:verify -- [--prefix PREFIX] [--batch-size N] [--key KEY] [--witness-dir DIR] [--json]

Recomputes the hash chain of every stream in the event store and names, for each
broken stream, what does not match (revision, event id, reason).
Exit code: 0 every stream intact and every signed checkpoint still yielded,
1 any finding, 2 bad usage or the store could not be read.

The store is found like the service finds it: EVENTSTORE_URL (EventStoreDB),
else DATABASE_URL (PostgreSQL), else the embedded PostgreSQL (EMBEDDED_PG_DIR,
EMBEDDED_PG_PORT). On PostgreSQL each stream's head row (es_streams), events and
transparency-log leaves (tl_leaves) are read in one snapshot and compared: a cut
tail, a head ahead of or behind its events, an event that no longer hashes to
its leaf (an edit whose chain and head were recomputed) are named by stream and
revision. Then every checkpoint in the witness directory (and, with --key, every
signed one in tl_checkpoints) is checked: its signature (with --key), its root
recomputed from the tree rows, and the tree recomputed from the events.
On EventStoreDB (no head rows) the same runs against the notary's tree in the
PostgreSQL that DATABASE_URL names; without DATABASE_URL only the chains.

  --prefix PREFIX     only streams whose id starts with PREFIX (e.g. case-, audit-access-)
  --batch-size N      streams (PostgreSQL) or events (EventStoreDB) per read, 1..10000 (default 500)
  --key KEY           the notary's verifier key (C2SP vkey text, or a file holding it)
  --witness-dir DIR   where checkpoints were published (default: WITNESS_DIR, else .data/witness)
  --json              print the summary as JSON on stdout
  --help              this text

Progress goes to stderr, the summary to stdout.`;

export interface CommandIo {
  env: NodeJS.ProcessEnv;
  out: (text: string) => void;
  err: (text: string) => void;
}

interface Options {
  prefix?: string;
  batchSize: number;
  json: boolean;
  key?: string;
  witnessDir?: string;
}

/** The key as vkey text: given directly, or read from the file it names. */
function resolveKey(given: string): string | { error: string } {
  const candidates = [given];
  try {
    candidates.push(readFileSync(given, 'utf8').trim());
  } catch {
    // not a file: the text itself
  }
  for (const text of candidates) {
    try {
      parseVerifierKey(text);
      return text.trim();
    } catch {
      // try the next reading
    }
  }
  return { error: '--key is neither a verifier key (<name>+<key id>+<key>) nor a file holding one' };
}

function parse(argv: string[]): Options | 'help' | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        prefix: { type: 'string' },
        'batch-size': { type: 'string', default: '500' },
        key: { type: 'string' },
        'witness-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return messageOf(error);
  }
  if (values.help) return 'help';
  const batchSize = Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) return '--batch-size must be a whole number from 1 to 10000';
  if (values.prefix !== undefined && values.prefix === '') return '--prefix must not be empty';
  if (values['witness-dir'] !== undefined && values['witness-dir'] === '') return '--witness-dir must not be empty';
  let key: string | undefined;
  if (values.key !== undefined) {
    const resolved = resolveKey(values.key);
    if (typeof resolved !== 'string') return resolved.error;
    key = resolved;
  }
  return { prefix: values.prefix, batchSize, json: values.json, key, witnessDir: values['witness-dir'] };
}

/** The CLI without the process: argv and environment in, exit code out. */
export async function runVerifyCommand(argv: string[], io: CommandIo): Promise<number> {
  const options = parse(argv);
  if (options === 'help') {
    io.out(VERIFY_HELP);
    return 0;
  }
  if (typeof options === 'string') {
    io.err(`${options}\n\n${VERIFY_HELP}`);
    return 2;
  }
  let config: AppConfig;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
  let opened: Opened;
  try {
    opened = await openForVerify(config, (line) => io.err(line));
  } catch (error) {
    io.err(`cannot open the event store: ${messageOf(error)}`);
    return 2;
  }
  try {
    const started = Date.now();
    const summary = await verifyAllStreams(opened.store, opened.source, {
      batchSize: options.batchSize,
      prefix: options.prefix,
      evidence: opened.evidence,
      onProgress: (p) =>
        io.err(
          `[audit:verify] ${p.streams}${p.total === undefined ? '' : `/${p.total}`} streams, ${p.events} events, ${p.broken} broken, ${((Date.now() - started) / 1000).toFixed(1)} s`,
        ),
    });
    if (opened.tree && (await hasTree(opened.tree))) {
      const db = opened.tree;
      const signedAt = await signedAtByNote(db);
      const { checkpoints, report } = await checkAnchors({
        witnessed: new WitnessDirectory(options.witnessDir ?? io.env.WITNESS_DIR ?? '.data/witness'),
        key: options.key,
        stored: () => storedNotes(db),
        signedAt: (note) => signedAt.get(note) ?? null,
        tree: new TransparencyLog(db),
      });
      const reproduced = await reproduceLog(opened.logPages, db, checkpoints, {
        batchSize: Math.max(options.batchSize, 1000),
        onProgress: (events: number) => io.err(`[audit:verify] tree recomputed from ${events} events`),
      });
      summary.anchor = { ...report, findings: [...report.findings, ...reproduced] };
    }
    io.out(options.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
    return summary.broken.length > 0 || (summary.anchor?.findings.length ?? 0) > 0 ? 1 : 0;
  } catch (error) {
    io.err(`verification failed: ${messageOf(error)}`);
    return 2;
  } finally {
    await opened.source.close().catch(() => undefined);
    await opened.evidence?.close().catch(() => undefined);
    await opened.tree?.destroy().catch(() => undefined);
    await opened.store.close().catch(() => undefined);
    await opened.database?.embedded?.stop().catch(() => undefined);
  }
}
