import { randomUUID } from 'node:crypto';
import { ImportedEvent, InvalidAppendError, UnstorableTextError } from './event-store.port';
import { checkImportedEvents, importedEvent, MAX_STREAMS_PER_IMPORT, toImportParameters } from './import-validation';

const event = (streamId: string, data: unknown = { n: 1 }): ImportedEvent => ({
  id: randomUUID(),
  streamId,
  type: 'Imported',
  schemaVersion: 1,
  data,
  metadata: {},
});

describe('import validation', () => {
  it('groups events by stream in order of first appearance, ids in lower case, expected revisions defaulting to no-stream', () => {
    const events = [event('a'), event('b'), event('a')];
    events[0] = { ...events[0], id: events[0].id.toUpperCase() };
    const p = toImportParameters({ events, expected: new Map([['b', 4]]) });
    expect(p.streams).toEqual([
      { streamId: 'a', expected: 'no-stream', expectedText: 'no-stream', events: [0, 2] },
      { streamId: 'b', expected: 4, expectedText: '4', events: [1] },
    ]);
    expect(p.stream).toEqual([0, 1, 0]);
    expect(p.ids[0]).toBe(events[0].id.toLowerCase());
  });

  it(`holds at most ${MAX_STREAMS_PER_IMPORT} streams`, () => {
    const events = Array.from({ length: MAX_STREAMS_PER_IMPORT }, (_, i) => event(`s-${i}`));
    expect(toImportParameters({ events }).streams).toHaveLength(MAX_STREAMS_PER_IMPORT);
    expect(() => toImportParameters({ events: [...events, event('one-more')] })).toThrow(/at most 1000 streams/);
  });

  it('refuses an id twice (in any case), an expected revision for a stream without events, and a bad stream id', () => {
    const once = event('a');
    expect(() => toImportParameters({ events: [once, { ...once, streamId: 'b', id: once.id.toUpperCase() }] })).toThrow(/appears twice/);
    expect(() => toImportParameters({ events: [event('a')], expected: new Map([['z', 'any']]) })).toThrow(/no event in the import/);
    expect(() => toImportParameters({ events: [event('$system')] })).toThrow(InvalidAppendError);
    expect(() => toImportParameters({ events: [] })).toThrow(InvalidAppendError);
  });

  it("checks each event's content as an append's, one by one or all at once", () => {
    const p = toImportParameters({ events: [event('a'), event('a', { text: 'nul\u0000' })] });
    expect(importedEvent(p, 0)).toMatchObject({ type: 'Imported', version: 1, data: '{"n":1}', metadata: '{}' });
    expect(() => importedEvent(p, 1)).toThrow(UnstorableTextError);
    expect(() => checkImportedEvents(p)).toThrow(/event 1/);
  });
});
