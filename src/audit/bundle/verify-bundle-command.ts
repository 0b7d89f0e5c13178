import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { revisionRanges } from '../dossier/integrity-statement';
import { BundleVerdict, verifyBundle } from './verify-bundle';
import { messageOf } from '../../common/error-message';

export const VERIFY_BUNDLE_HELP = `Usage: npm run audit:verify-bundle -- FILE [--key KEY] [--json]

Checks a case's evidence bundle (GET /cases/:id/dossier?format=bundle) offline,
with no database and no service:
  - the checkpoint note's Ed25519 signature with the notary's key,
  - every event's leaf hash and its inclusion proof against the signed root,
  - every leaf of the stream in the signed tree has its event,
  - the hash chain, and revisions contiguous from 0,
  - the file itself, byte for byte as the service wrote it.
Prints "intact" or names what does not match (stream, revision, what).
Exit code: 0 intact, 1 something does not match, 2 bad usage or unreadable file.

  --key KEY   the notary's verifier key (C2SP vkey text, or a file holding it),
              obtained independently of the bundle (GET /transparency/key,
              npm run audit:key, or the oversight body's copy). It overrides the
              key inside the bundle, with a warning when they differ.
  --json      print the verdict as JSON
  --help      this text`;

export interface BundleCommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  readFile?: (path: string) => Buffer;
}

function keyText(given: string, read: (path: string) => Buffer): string {
  if (given.includes('+')) return given;
  try {
    return read(given).toString('utf8').trim();
  } catch {
    return given;
  }
}

export function formatBundleVerdict(verdict: BundleVerdict): string {
  const lines = verdict.warnings.map((w) => `warning: ${w}`);
  for (const f of verdict.findings) {
    lines.push(`MISMATCH ${f.streamId ?? '-'}${f.revision === null ? '' : ` revision ${f.revision}`}: ${f.problem}: ${f.detail}`);
  }
  const c = verdict.checked;
  if (c) {
    lines.push(
      `checked ${c.streamId}: ${c.events} event(s)` +
        (c.treeSize === null ? ', no verified checkpoint' : `, checkpoint of ${c.treeSize} leaves`) +
        (c.provenRevisions.length > 0 ? `; revisions ${revisionRanges(c.provenRevisions, '..')} proven in it` : '') +
        (c.chainOnlyRevisions.length > 0
          ? `; revisions ${revisionRanges(c.chainOnlyRevisions, '..')} covered by the hash chain only`
          : '') +
        (c.plans > 0 ? `; ${c.plans} regulation plan(s) named by digest, each held and hashing to it` : ''),
    );
  }
  lines.push(verdict.intact ? 'intact' : `NOT intact: ${verdict.findings.length} mismatch(es)`);
  return lines.join('\n');
}

/** The CLI without the process: argv in, exit code out. */
export function runVerifyBundleCommand(argv: string[], io: BundleCommandIo): number {
  const read = io.readFile ?? ((path: string) => readFileSync(path));
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { key: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.err(`${messageOf(error)}\n\n${VERIFY_BUNDLE_HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(VERIFY_BUNDLE_HELP);
    return 0;
  }
  if (positionals.length !== 1) {
    io.err(`give exactly one bundle file\n\n${VERIFY_BUNDLE_HELP}`);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = read(positionals[0]);
  } catch (error) {
    io.err(`cannot read ${positionals[0]}: ${messageOf(error)}`);
    return 2;
  }
  const verdict = verifyBundle(bytes, { key: values.key === undefined ? undefined : keyText(values.key, read) });
  io.out(values.json ? JSON.stringify(verdict, null, 2) : formatBundleVerdict(verdict));
  return verdict.intact ? 0 : 1;
}
