import { RecordedEvent } from '../../event-store/event-store.port';
import { driveCase, kostanayOfficeScript, recordInMemory } from '../testing/case-history';
import { judgeStream, StreamHead } from './stream-verdict';

const CASE = '7d2f6a64-3c1b-4a8e-9f5e-2b7c1d0e9a33';
const STREAM = `case-${CASE}`;
const events = recordInMemory(CASE, driveCase(CASE, kostanayOfficeScript(CASE)));
const headOf = (list: RecordedEvent[]): StreamHead => ({ streamId: STREAM, revision: list.length - 1, lastHash: list[list.length - 1].hash });

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
    expect(judgeStream(STREAM, gap).firstMismatch).toMatchObject({ revision: 2, eventId: events[2].id, reason: 'revision-gap', detail: expect.stringMatching(/Revision 1 is missing/) });
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
