import { EVENT_TYPE, STREAM_NAME } from '@eventstore/db-client';
import { escapeRegex, exactTypesRegex, isSystemEvent, matchesFilter, serverFilterFor } from './event-filter';

describe('event filters', () => {
  const event = (streamId: string, type: string) => ({ streamId, type });

  it('hides EventStoreDB system streams and types', () => {
    expect(isSystemEvent(event('$stats-0.0.0.0:2113', 'x'))).toBe(true);
    expect(isSystemEvent(event('case-1', '$metadata'))).toBe(true);
    expect(isSystemEvent(event('case-1', 'CaseOpened'))).toBe(false);
    expect(matchesFilter(event('$$case-1', '$metadata'))).toBe(false);
  });

  it('checks prefixes and exact types in the process; absent lists do not constrain, empty ones let nothing through', () => {
    const filter = { streamPrefixes: ['case-', 'calendar-'], eventTypes: ['CaseOpened'] };
    expect(matchesFilter(event('case-1', 'CaseOpened'), filter)).toBe(true);
    expect(matchesFilter(event('case-1', 'CaseOpenedV2'), filter)).toBe(false);
    expect(matchesFilter(event('other-1', 'CaseOpened'), filter)).toBe(false);
    expect(matchesFilter(event('other-1', 'X'), { streamPrefixes: [], eventTypes: [] })).toBe(false);
    expect(matchesFilter(event('case-1', 'CaseOpened'), { streamPrefixes: ['case-'], eventTypes: [] })).toBe(false);
    expect(matchesFilter(event('case-1', 'CaseOpened'), { streamPrefixes: [], eventTypes: ['CaseOpened'] })).toBe(false);
    expect(matchesFilter(event('other-1', 'X'), {})).toBe(true);
    expect(matchesFilter(event('other-1', 'X'))).toBe(true);
  });

  it('builds an anchored regex that matches the given types only', () => {
    const regex = new RegExp(exactTypesRegex(['Case.Opened', 'A+B']));
    expect(regex.test('Case.Opened')).toBe(true);
    expect(regex.test('CaseXOpened')).toBe(false);
    expect(regex.test('A+B')).toBe(true);
    expect(regex.test('Case.OpenedV2')).toBe(false);
    expect(escapeRegex('a(b)[c]{d}|e^$\\')).toBe('a\\(b\\)\\[c\\]\\{d\\}\\|e\\^\\$\\\\');
  });

  it('sends event types to the server when given, else stream prefixes, else excludes system events', () => {
    const both = serverFilterFor({ streamPrefixes: ['case-'], eventTypes: ['CaseOpened', 'CaseClosed'] });
    expect(both).toMatchObject({ filterOn: EVENT_TYPE, regex: '^(?:CaseOpened|CaseClosed)$' });
    expect(serverFilterFor({ streamPrefixes: ['case-'] })).toMatchObject({ filterOn: STREAM_NAME, prefixes: ['case-'] });
    const none = serverFilterFor(undefined);
    expect(none).toMatchObject({ filterOn: EVENT_TYPE, regex: '^[^$].*' });
    expect(serverFilterFor({ eventTypes: [] })).toEqual(none);
  });
});
