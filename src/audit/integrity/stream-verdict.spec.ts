import { RecordedEvent } from '../../event-store/event-store.port';
import { driveCase, kostanayOfficeScript, recordInMemory } from '../testing/case-history';
import { eventLeafHash } from '../../transparency/leaf';
import { judgeStream, StreamHead } from './stream-verdict';

const CASE = '7d2f6a64-3c1b-4a8e-9f5e-2b7c1d0e9a33';
const STREAM = `case-${CASE}`;
const events = recordInMemory(CASE, driveCase(CASE, kostanayOfficeScript(CASE)));
const headOf = (list: RecordedEvent[]): StreamHead => ({
  streamId: STREAM,
  revision: list.length - 1,
  lastHash: list[list.length - 1].hash,
});

describe('judging a stream', () => {
  it('an untouched stream is intact, its head matching', () => {
    expect(judgeStream(STREAM, events, { head: headOf(events) })).toMatchObject({
      verdict: 'intact',
      checked: events.length,
      total: events.length,
      lastRevision: events.length - 1,
      firstMismatch: null,
      head: { revision: events.length - 1, matches: true },
    });
    expect(judgeStream(STREAM, events)).toMatchObject({ verdict: 'intact', head: null });
  });

  it('an edited event is named by revision and id', () => {
    const edited = events.map((e) => (e.revision === 2 ? { ...e, rawData: e.rawData.replace('u-exec', 'u-other') } : e));
    expect(judgeStream(STREAM, edited, { head: headOf(events) })).toMatchObject({
      verdict: 'broken',
      checked: 2,
      firstMismatch: { revision: 2, eventId: events[2].id, reason: 'hash-mismatch' },
    });
  });

  it('a re-hashed edit breaks the link of the next event', () => {
    const forged = events.map((e) => (e.revision === 2 ? { ...e, hash: 'f'.repeat(64) } : e));
    expect(judgeStream(STREAM, forged).firstMismatch).toMatchObject({ revision: 2, reason: 'hash-mismatch' });
    const relinked = events.map((e) => (e.revision === 3 ? { ...e, prevHash: 'f'.repeat(64) } : e));
    expect(judgeStream(STREAM, relinked).firstMismatch).toMatchObject({ revision: 3, reason: 'broken-link' });
  });

  it('a deleted event shows as a revision gap', () => {
    const gap = events.filter((e) => e.revision !== 1);
    expect(judgeStream(STREAM, gap).firstMismatch).toMatchObject({
      revision: 2,
      eventId: events[2].id,
      reason: 'revision-gap',
      detail: expect.stringMatching(/Revision 1 is missing/),
    });
  });

  it('a cut tail shows only against the head', () => {
    const cut = events.slice(0, -2);
    expect(judgeStream(STREAM, cut).verdict).toBe('intact');
    expect(judgeStream(STREAM, cut, { head: headOf(events) })).toMatchObject({
      verdict: 'broken',
      firstMismatch: { revision: cut.length, eventId: null, reason: 'events-missing-at-end' },
      head: { matches: false },
    });
    expect(judgeStream(STREAM, [], { head: headOf(events) }).firstMismatch?.reason).toBe('events-missing-at-end');
  });

  it('a head that disagrees or is missing is reported; an append after the head was read is not', () => {
    expect(judgeStream(STREAM, events, { head: { ...headOf(events), lastHash: 'x' } }).firstMismatch?.reason).toBe('head-hash-mismatch');
    expect(judgeStream(STREAM, events, { head: undefined }).firstMismatch?.reason).toBe('head-missing');
    expect(judgeStream(STREAM, events, { head: headOf(events.slice(0, 3)) }).verdict).toBe('intact');
    expect(judgeStream(STREAM, [], { head: undefined }).verdict).toBe('empty');
  });
});

describe('judging a stream against the transparency log (#16)', () => {
  const leavesOf = (list: RecordedEvent[]) =>
    list.map((e, i) => ({ leafIndex: 100 + i, position: e.position, revision: e.revision, eventId: e.id, leafHash: eventLeafHash(e) }));
  const all = { leaves: leavesOf(events), notaryPosition: events[events.length - 1].position };
  const snapshotHead = (list: RecordedEvent[]) => ({ head: headOf(list), sameSnapshot: true });

  it('an untouched stream matches its leaves; events past the notary are covered by the chain only', () => {
    expect(judgeStream(STREAM, events, snapshotHead(events), all)).toMatchObject({
      verdict: 'intact',
      findings: [],
      log: { leaves: events.length, chainOnlyRevisions: [] },
    });
    const partial = { leaves: leavesOf(events.slice(0, 4)), notaryPosition: events[3].position };
    expect(judgeStream(STREAM, events, snapshotHead(events), partial)).toMatchObject({
      verdict: 'intact',
      log: { chainOnlyRevisions: [4, 5, 6] },
    });
  });

  it('an edit whose chain and head were recomputed is named by its leaf', () => {
    const forged = recordInMemory(
      CASE,
      driveCase(CASE, kostanayOfficeScript(CASE)).map((e, i) => (i === 2 ? { ...e, data: { forged: true, original: e.data } } : e)),
    );
    const rewritten = forged.map((e, i) => ({ ...e, id: events[i].id, position: events[i].position }));
    const verdict = judgeStream(STREAM, rewritten, snapshotHead(rewritten), all);
    expect(verdict.findings.map((f) => [f.reason, f.revision])).toContainEqual(['leaf-mismatch', 2]);
    expect(verdict.verdict).toBe('broken');
  });

  it('a cut tail whose head row went with it is named, revisions and all', () => {
    const cut = events.slice(0, -2);
    expect(judgeStream(STREAM, cut, snapshotHead(cut), all).findings).toEqual([
      expect.objectContaining({
        reason: 'event-missing',
        revision: events.length - 2,
        missingRevisions: [events.length - 2, events.length - 1],
      }),
    ]);
  });

  it('a deleted stream is broken, not empty, while the log holds its leaves', () => {
    expect(judgeStream(STREAM, [], { head: undefined, sameSnapshot: true }, all)).toMatchObject({
      verdict: 'broken',
      findings: [expect.objectContaining({ reason: 'event-missing', revision: 0, missingRevisions: events.map((e) => e.revision) })],
    });
  });

  it('swapped events, a head behind in the same snapshot, and an event the notary skipped are named', () => {
    const swapped = events.map((e) =>
      e.revision === 2 ? { ...events[3], revision: 2 } : e.revision === 3 ? { ...events[2], revision: 3 } : e,
    );
    expect(
      judgeStream(STREAM, swapped, undefined, all)
        .findings.filter((f) => f.reason === 'leaf-mismatch')
        .map((f) => f.revision),
    ).toEqual([2, 3]);
    expect(judgeStream(STREAM, events, snapshotHead(events.slice(0, 5)), all).findings).toEqual([
      expect.objectContaining({ reason: 'head-behind', revision: 5 }),
    ]);
    expect(judgeStream(STREAM, events, { head: headOf(events.slice(0, 5)) }, all).verdict).toBe('intact');
    const withoutLeaf = { ...all, leaves: all.leaves.filter((l) => l.revision !== 4) };
    expect(judgeStream(STREAM, events, undefined, withoutLeaf).findings).toEqual([
      expect.objectContaining({ reason: 'leaf-missing', revision: 4 }),
    ]);
  });
});
