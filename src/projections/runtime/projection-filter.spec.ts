import type { RecordedEvent } from '../../event-store/event-store.port';
import { matcherOf, unionFilterOf } from './projection-filter';

const event = (streamId: string, type: string) => ({ streamId, type }) as RecordedEvent;

describe('projection filters', () => {
  it('a union asks for every type and prefix any projection asks for', () => {
    expect(
      unionFilterOf([
        { eventTypes: ['A', 'B'], streamPrefixes: ['case-'] },
        { eventTypes: ['B', 'C'], streamPrefixes: ['case-'] },
      ]),
    ).toEqual({
      eventTypes: ['A', 'B', 'C'],
      streamPrefixes: ['case-'],
    });
  });

  it('a projection without a type or prefix filter widens the union to everything on that axis', () => {
    expect(unionFilterOf([{ eventTypes: ['A'], streamPrefixes: ['case-'] }, { streamPrefixes: ['audit-'] }])).toEqual({
      eventTypes: undefined,
      streamPrefixes: ['case-', 'audit-'],
    });
    expect(unionFilterOf([{ eventTypes: ['A'] }, {}])).toBeUndefined();
  });

  it('the matcher picks out of a wider page exactly what the projection subscribes to', () => {
    const matches = matcherOf({ eventTypes: ['A'], streamPrefixes: ['case-'] });
    expect(matches(event('case-1', 'A'))).toBe(true);
    expect(matches(event('case-1', 'B'))).toBe(false);
    expect(matches(event('audit-1', 'A'))).toBe(false);
    expect(matcherOf({})(event('anything', 'Whatever'))).toBe(true);
  });
});
