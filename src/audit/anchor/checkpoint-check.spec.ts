import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatCheckpoint, formatVerifierKey, generateSigner, signNote } from '../../transparency/checkpoint-note';
import { eventLeafHash } from '../../transparency/leaf';
import { inclusionProof, leafHash, rootOf } from '../../transparency/merkle';
import { TreeRowsMissingError } from '../../transparency/transparency-log';
import { driveCase, kostanayOfficeScript, recordInMemory } from '../testing/case-history';
import { judgeStream } from '../integrity/stream-verdict';
import { verdictWithAnchor } from './case-anchor';
import { judgeCheckpoints, proveStreamLeaves, TreeReads } from './checkpoint-check';
import { LogReproduction } from './log-reproduction';
import { WitnessDirectory } from './witness-directory';
import { splitNotes } from './witnessed-checkpoints';

const CASE = '3c2b1a00-0000-4000-8000-00000000000c';
const events = recordInMemory(CASE, driveCase(CASE, kostanayOfficeScript(CASE)));
const leaves = events.map((e) => eventLeafHash(e));
const signer = generateSigner('kz-regulated-services/test');
const vkey = formatVerifierKey(signer);
const noteOf = (size: number, root = rootOf(leaves.slice(0, size))) =>
  signNote(formatCheckpoint({ origin: signer.name, treeSize: size, root }), signer);

/** The tree as the database holds it: `stored` may differ from the true leaves (a rewrite). */
const treeOf = (stored: Buffer[]): TreeReads => ({
  treeSize: async () => stored.length,
  rootAt: async (size) => rootOf(stored.slice(0, size)),
  inclusionProof: async (index, size) => inclusionProof(index, stored.slice(0, size)),
});

describe('checkpoints published outside the database', () => {
  it('a signed checkpoint the tree still yields is trusted, with no finding', async () => {
    const { checkpoints, findings } = await judgeCheckpoints(
      [
        { note: noteOf(5), source: 'w/1' },
        { note: noteOf(5), source: 'db' },
      ],
      vkey,
      treeOf(leaves),
    );
    expect(findings).toEqual([]);
    expect(checkpoints).toEqual([expect.objectContaining({ treeSize: 5, signatureChecked: true, sources: ['w/1', 'db'] })]);
  });

  it('names a forged note, a tree shorter than what was signed, and tree rows that no longer give the signed root', async () => {
    const other = generateSigner(signer.name);
    const forged = signNote(formatCheckpoint({ origin: signer.name, treeSize: 3, root: rootOf(leaves.slice(0, 3)) }), other);
    const rewritten = leaves.map((l, i) => (i === 2 ? leafHash(Buffer.from('forged')) : l));
    const { checkpoints, findings } = await judgeCheckpoints(
      [
        { note: forged, source: 'w/forged' },
        { note: noteOf(7), source: 'w/7' },
        { note: noteOf(4), source: 'w/4' },
        { note: 'junk', source: 'w/junk' },
      ],
      vkey,
      treeOf(rewritten.slice(0, 6)),
    );
    expect(findings.map((f) => [f.reason, f.checkpoint?.treeSize ?? null])).toEqual([
      ['checkpoint-malformed', null],
      ['checkpoint-signature-invalid', null],
      ['checkpoint-root-mismatch', 4],
      ['checkpoint-beyond-tree', 7],
    ]);
    expect(checkpoints.map((c) => c.treeSize)).toEqual([4, 7]);
    // Without a key nothing is signature-checked, and the reader says so.
    expect((await judgeCheckpoints([{ note: forged, source: 'w' }], undefined, treeOf(leaves))).checkpoints).toEqual([
      expect.objectContaining({ signatureChecked: false }),
    ]);
  });

  it('per request, trusts only the largest checkpoint whose signature holds (a forged larger one is named, older ones are not re-checked)', async () => {
    const other = generateSigner(signer.name);
    const forged = signNote(formatCheckpoint({ origin: signer.name, treeSize: 7, root: rootOf(leaves) }), other);
    const verifiedNotes: string[] = [];
    const { checkpoints, findings } = await judgeCheckpoints(
      [3, 5, 6].map((n) => ({ note: noteOf(n), source: `w/${n}` })).concat([{ note: forged, source: 'w/forged' }]),
      vkey,
      treeOf(leaves),
      (note) => {
        verifiedNotes.push(note);
        return new Date('2026-12-04T10:00:00Z');
      },
      'latest',
    );
    expect(checkpoints).toEqual([expect.objectContaining({ treeSize: 6, sources: ['w/6'], signedAt: new Date('2026-12-04T10:00:00Z') })]);
    expect(findings.map((f) => [f.reason, f.detail.slice(0, 8)])).toEqual([['checkpoint-signature-invalid', 'w/forged']]);
    expect(verifiedNotes).toEqual([noteOf(6)]);
  });

  it('reports missing tree rows instead of failing', async () => {
    const holed: TreeReads = {
      ...treeOf(leaves),
      rootAt: async () => {
        throw new TreeRowsMissingError({ level: 0, index: 2 });
      },
    };
    expect((await judgeCheckpoints([{ note: noteOf(5), source: 'w' }], vkey, holed)).findings.map((f) => f.reason)).toEqual([
      'tree-rows-missing',
    ]);
  });

  it("proves a stream's leaves against the signed root: leaves rewritten along with the tree rows fail", async () => {
    const { checkpoints } = await judgeCheckpoints([{ note: noteOf(7), source: 'w' }], vkey, treeOf(leaves));
    const streamLeaves = events.map((e, i) => ({
      leafIndex: i,
      position: e.position,
      revision: e.revision,
      eventId: e.id,
      leafHash: leaves[i],
    }));
    expect(await proveStreamLeaves('s', streamLeaves, checkpoints[0], treeOf(leaves))).toEqual({
      coveredRevisions: [0, 1, 2, 3, 4, 5, 6],
      findings: [],
    });
    const forged = leafHash(Buffer.from('forged'));
    const rewritten = leaves.map((l, i) => (i === 3 ? forged : l));
    const result = await proveStreamLeaves(
      's',
      streamLeaves.map((l) => (l.revision === 3 ? { ...l, leafHash: forged } : l)),
      checkpoints[0],
      treeOf(rewritten),
    );
    // Every proof computed from the rewritten tree leads elsewhere than the signed root: each revision is named.
    expect(result.findings.map((f) => [f.reason, f.streamId, f.revision])).toEqual(
      [0, 1, 2, 3, 4, 5, 6].map((r) => ['leaf-not-in-checkpoint', 's', r]),
    );
    expect(result.coveredRevisions).toEqual([]);
  });
});

describe('recomputing the tree from the events', () => {
  const trusted = async (size: number) => (await judgeCheckpoints([{ note: noteOf(size), source: 'w' }], vkey, treeOf(leaves))).checkpoints;
  const row = (i: number) => ({ leafIndex: i, position: events[i].position, streamId: events[i].streamId, revision: events[i].revision });

  it('the events reproduce every signed root and the leaf indexes run without a gap', async () => {
    const replay = new LogReproduction([...(await trusted(3)), ...(await trusted(7))]);
    events.forEach((e, i) => {
      replay.event(e);
      replay.leaf(row(i));
    });
    expect(replay.finish()).toEqual([]);
  });

  it('names a deleted event, a changed one and a hole in the leaf rows', async () => {
    const deleted = new LogReproduction(await trusted(7));
    events.filter((e) => e.revision !== 4).forEach((e) => deleted.event(e));
    [0, 1, 2, 3, 5, 6].forEach((i) => deleted.leaf(row(i)));
    expect(deleted.finish().map((f) => [f.reason, f.leafIndex ?? null, f.revision ?? null])).toEqual([
      ['tree-leaves-not-contiguous', 4, 5],
      ['checkpoint-not-reproduced-by-events', null, 6],
    ]);
    const changed = new LogReproduction(await trusted(3));
    events.forEach((e) => changed.event(e.revision === 1 ? { ...e, rawData: '{}' } : e));
    expect(changed.finish().map((f) => [f.reason, f.checkpoint?.treeSize])).toEqual([['checkpoint-not-reproduced-by-events', 3]]);
  });
});

describe('the witness directory', () => {
  it('reads one note per file or several appended to one file; a missing directory holds none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'witness-spec-'));
    try {
      writeFileSync(join(dir, 'a.note'), noteOf(3));
      writeFileSync(join(dir, 'log'), `${noteOf(4)}${noteOf(5)}\n${noteOf(6)}`);
      const notes = await new WitnessDirectory(dir).list();
      expect(notes.map((n) => [n.source.slice(dir.length + 1), n.note])).toEqual([
        ['a.note', noteOf(3)],
        ['log', noteOf(4)],
        ['log', noteOf(5)],
        ['log', noteOf(6)],
      ]);
      expect(await new WitnessDirectory(join(dir, 'absent')).list()).toEqual([]);
      // Read again after an append: the cached file is read anew, the untouched one is not.
      const witness = new WitnessDirectory(dir);
      await witness.list();
      appendFileSync(join(dir, 'log'), noteOf(7));
      expect((await witness.list()).map((n) => n.note)).toEqual([3, 4, 5, 6, 7].map((n) => noteOf(n)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(splitNotes('')).toEqual([]);
  });
});

describe('a case verdict with its anchor', () => {
  const own = judgeStream(`case-${CASE}`, events);
  const anchor = {
    checkpoint: null,
    keyChecked: true,
    witness: 'w',
    coveredRevisions: [],
    chainOnlyRevisions: [],
    findings: [],
    logFindings: [],
  };
  it("is broken by the stream's own findings against the checkpoint, and by the log's", () => {
    expect(verdictWithAnchor(own, anchor).verdict).toBe('intact');
    const finding = { reason: 'checkpoint-root-mismatch' as const, detail: '', checkpoint: { treeSize: 3, source: 'w' } };
    expect(verdictWithAnchor(own, { ...anchor, logFindings: [finding] }).verdict).toBe('broken');
    expect(verdictWithAnchor(own, { ...anchor, findings: [{ ...finding, reason: 'leaf-not-in-checkpoint' }] }).verdict).toBe('broken');
  });
});
