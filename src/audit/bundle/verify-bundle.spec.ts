import { RecordedEvent } from '../../event-store/event-store.port';
import { formatCheckpoint, formatVerifierKey, generateSigner, signNote } from '../../transparency/checkpoint-note';
import { eventLeafHash } from '../../transparency/leaf';
import { inclusionProof, leafHash, rootOf } from '../../transparency/merkle';
import { knownPlan } from '../../cases/plan-codec';
import { driveCase, kostanayOfficeScript, recordInMemory } from '../testing/case-history';
import { CaseBundle, serializeBundle } from './bundle-format';
import { buildBundle } from './build-bundle';
import { runVerifyBundleCommand } from './verify-bundle-command';
import { verifyBundle } from './verify-bundle';

const CASE = '5b1d3c2a-8e7f-4a6b-9c0d-1e2f3a4b5c6d';
const STREAM = `case-${CASE}`;
const events = recordInMemory(CASE, driveCase(CASE, kostanayOfficeScript(CASE)));
const signer = generateSigner('kz-regulated-services/test');
const vkey = formatVerifierKey(signer);

/** A tree of other streams' leaves with the case's events spread through it; the first `signed` case events are under the checkpoint. */
function bundleOf(list: RecordedEvent[], signed = list.length): CaseBundle {
  const tree: Buffer[] = [];
  const placed: Array<{ index: number; event: RecordedEvent }> = [];
  events.forEach((event, i) => {
    for (let k = 0; k < 3; k++) tree.push(leafHash(Buffer.from(`other-${i}-${k}`)));
    placed.push({ index: tree.length, event });
    tree.push(eventLeafHash(event));
  });
  const size = Math.min(placed[signed - 1].index + 2, tree.length);
  const leaves = tree.slice(0, size);
  const note = signNote(formatCheckpoint({ origin: signer.name, treeSize: size, root: rootOf(leaves) }), signer);
  return buildBundle({
    caseId: CASE,
    streamId: STREAM,
    events: list,
    leaves: placed
      .filter(({ index }) => index < size)
      .map(({ index, event }) => ({
        leaf: { leafIndex: index, position: event.position, revision: event.revision, eventId: event.id, leafHash: eventLeafHash(event) },
        proof: inclusionProof(index, leaves),
      })),
    checkpointNote: note,
    verifierKey: vkey,
    plans: knownPlan,
  });
}

const bytesOf = (bundle: CaseBundle) => Buffer.from(serializeBundle(bundle), 'utf8');
const problems = (bundle: CaseBundle) => verifyBundle(bytesOf(bundle)).findings.map((f) => [f.problem, f.revision]);

describe('the offline evidence bundle', () => {
  const bundle = bundleOf(events);
  const bytes = bytesOf(bundle);

  it('an untouched case verifies: every revision proven in the signed checkpoint', () => {
    expect(verifyBundle(bytes)).toEqual({
      intact: true,
      findings: [],
      warnings: [],
      checked: { streamId: STREAM, events: 7, treeSize: 28, provenRevisions: [0, 1, 2, 3, 4, 5, 6], chainOnlyRevisions: [], plans: 1 },
    });
  });

  it('carries the regulation plan the receipt names by digest, as the text the digest is the hash of', () => {
    const named = JSON.parse(events[0].rawData).planDigest;
    expect(bundle.plans).toEqual([{ digest: named, plan: expect.stringMatching(/^\{"acceptanceRefusal"|^\{"channel"/) }]);
    expect(JSON.parse(bundle.plans?.[0]?.plan ?? 'null')).toMatchObject({
      regulationVersionId: expect.any(String),
      steps: expect.any(Array),
    });
  });

  it('names a plan that is missing, changed, doubled or named by no receipt', () => {
    const [held] = bundle.plans ?? [];
    if (!held) throw new Error('no plan in the bundle');
    expect(problems({ ...bundle, plans: [] })).toEqual([['plan', 0]]);
    expect(problems({ ...bundle, plans: [{ ...held, plan: held.plan.replace('"steps":[', '"steps":[ ') }] })).toEqual([['plan', 0]]);
    expect(problems({ ...bundle, plans: [held, held] })).toEqual([['plan', null]]);
    const stray = { digest: '0'.repeat(64), plan: '{}' };
    expect(problems({ ...bundle, plans: [held, stray] })).toEqual([['plan', null]]);
  });

  it('still reads a version-1 bundle (no plans), and says a receipt there names a plan it does not hold', () => {
    const { plans, ...rest } = bundle;
    expect(plans).toHaveLength(1);
    const verdict = verifyBundle(bytesOf({ ...rest, version: 1 }));
    expect(verdict.findings).toEqual([expect.objectContaining({ problem: 'plan', revision: 0 })]);
    expect(verdict.checked).toMatchObject({ events: 7, plans: 0 });
    expect(verifyBundle(bytesOf({ ...bundle, version: 1 })).findings).toEqual([expect.objectContaining({ problem: 'malformed' })]);
  });

  it('says which events are newer than the checkpoint: covered by the chain only', () => {
    expect(verifyBundle(bytesOf(bundleOf(events, 4))).checked).toMatchObject({
      provenRevisions: [0, 1, 2, 3],
      chainOnlyRevisions: [4, 5, 6],
    });
  });

  it('fails on any single changed byte (every 23rd byte, and the first, last and middle byte of every line: each field)', () => {
    const positions = new Set<number>();
    for (let at = 0; at < bytes.length; at += 23) positions.add(at);
    let start = 0;
    for (let at = 0; at <= bytes.length; at++) {
      if (at < bytes.length && bytes[at] !== 0x0a) continue;
      for (const p of [start, at - 1, Math.floor((start + at) / 2), at]) if (p >= 0 && p < bytes.length) positions.add(p);
      start = at + 1;
    }
    expect(positions.size).toBeGreaterThan(bytes.length / 23);
    for (const at of positions) {
      const changed = Buffer.from(bytes);
      changed[at] = changed[at] ^ 0x01;
      const verdict = verifyBundle(changed);
      if (verdict.intact)
        throw new Error(
          `a change of byte ${at} (${JSON.stringify(bytes.subarray(Math.max(0, at - 20), at + 20).toString('utf8'))}) still verifies`,
        );
    }
  });

  it('fails on text that parses to the same bundle but is not the bytes the service wrote', () => {
    const text = bytes.toString('utf8');
    for (const variant of [
      text.replace('\n  "caseId"', '\n\t"caseId"'), // a tab for the indentation
      text.replace('"version": 2', '"version":  2'), // one more space
      text.replace('"format"', '"\\u0066ormat"'), // an escaped letter
      `${text}\n`, // a second final newline
      text.replace(/\n/g, '\r\n'), // Windows line ends
      JSON.stringify(JSON.parse(text)), // compact
    ]) {
      expect(variant).not.toBe(text);
      expect(JSON.parse(variant)).toEqual(bundle);
      expect(verifyBundle(Buffer.from(variant, 'utf8')).findings).toEqual([
        expect.objectContaining({ problem: 'malformed', detail: expect.stringMatching(/not the bundle as the service wrote it/) }),
      ]);
    }
  });

  it('names an edited event, a deleted one, a cut tail, swapped events and a deleted stream', () => {
    const edit = (list: RecordedEvent[], revision: number) =>
      list.map((e) => (e.revision === revision ? { ...e, rawData: e.rawData.replace('u-exec', 'u-other') } : e));
    expect(problems({ ...bundle, events: bundleOf(edit(events, 2)).events })).toEqual([
      ['chain', 2],
      ['leaf-mismatch', 2],
    ]);
    // Edited and the chain recomputed: the leaves show it (each leaf commits to its event's chain hash, so every later one too).
    const rechained = recordInMemory(
      CASE,
      driveCase(CASE, kostanayOfficeScript(CASE)).map((e, i) => (i === 2 ? { ...e, data: { forged: true, original: e.data } } : e)),
    );
    expect(problems({ ...bundle, events: bundleOf(rechained).events })).toEqual([2, 3, 4, 5, 6].map((r) => ['leaf-mismatch', r]));
    expect(problems({ ...bundle, events: bundle.events.filter((e) => e.revision !== 3) })).toEqual([
      ['revision-gap', 4],
      ['revision-gap', 5],
      ['revision-gap', 6],
      ['event-missing', 3],
    ]);
    expect(problems({ ...bundle, events: bundle.events.slice(0, 5) })).toEqual([
      ['event-missing', 5],
      ['event-missing', 6],
    ]);
    const swapped = bundle.events.map((e, i) =>
      i === 2 ? { ...bundle.events[3], revision: 2 } : i === 3 ? { ...bundle.events[2], revision: 3 } : e,
    );
    expect(problems({ ...bundle, events: swapped })).toEqual([
      ['chain', 2],
      ['leaf-mismatch', 2],
      ['leaf-mismatch', 3],
    ]);
    expect(problems({ ...bundle, events: [] }).map(([p]) => p)).toEqual([...Array(7).fill('event-missing'), 'plan']);
  });

  it("checks the signature with the given key, which overrides the bundle's own (with a warning)", () => {
    const other = formatVerifierKey(generateSigner('kz-regulated-services/test'));
    expect(verifyBundle(bytes, { key: other }).findings).toEqual([expect.objectContaining({ problem: 'checkpoint-signature' })]);
    expect(verifyBundle(bytesOf({ ...bundle, key: other }), { key: vkey })).toMatchObject({
      intact: true,
      warnings: [expect.stringMatching(/another key/)],
    });
    expect(verifyBundle(bytesOf({ ...bundle, key: null })).findings).toEqual([expect.objectContaining({ problem: 'no-key' })]);
  });

  it('the CLI prints intact or the mismatches, exit 0 / 1 / 2, and explains itself', () => {
    const files: Record<string, Buffer> = {
      'good.json': bytes,
      'cut.json': bytesOf({ ...bundle, events: bundle.events.slice(0, 6) }),
      'key.txt': Buffer.from(`${vkey}\n`),
    };
    const readFile = (path: string) => {
      const file = files[path];
      if (file === undefined) throw new Error('ENOENT');
      return file;
    };
    const run = (...argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      return {
        code: runVerifyBundleCommand(argv, { out: (t) => out.push(t), err: (t) => err.push(t), readFile }),
        out: out.join('\n'),
        err: err.join('\n'),
      };
    };
    expect(run('good.json')).toMatchObject({
      code: 0,
      out: expect.stringMatching(
        /revisions 0\.\.6 proven in it; 1 regulation plan\(s\) named by digest, each held and hashing to it\nintact$/,
      ),
    });
    expect(run('good.json', '--key', 'key.txt')).toMatchObject({ code: 0 });
    expect(run('cut.json')).toMatchObject({ code: 1, out: expect.stringContaining(`MISMATCH ${STREAM} revision 6: event-missing`) });
    expect(run('--help')).toMatchObject({ code: 0, out: expect.stringMatching(/^Usage: npm run audit:verify-bundle/) });
    expect(run()).toMatchObject({ code: 2 });
    expect(run('missing.json')).toMatchObject({ code: 2, err: expect.stringMatching(/cannot read/) });
    expect(run('good.json', '--colour')).toMatchObject({ code: 2 });
  });
});
