import { EventStoreUnavailableError, IdempotencyViolationError, InvalidAppendError, WrongExpectedRevisionError } from '../event-store.port';
import { DatabaseError } from 'pg';
import { appendError, hasSqlState, unavailable } from './pg-errors';

describe('append error mapping', () => {
  const map = (error: object) => appendError(error, 'case-1', 4, ['id-1']);

  it('maps ES001 to WrongExpectedRevisionError with the actual revision from DETAIL', () => {
    const error = map({ code: 'ES001', detail: '-1' });
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamId: 'case-1', expected: 4, actual: -1 });
  });

  it('maps ES002 and a concurrent duplicate event id to IdempotencyViolationError', () => {
    expect(map({ code: 'ES002', message: 'x' })).toBeInstanceOf(IdempotencyViolationError);
    expect(map({ code: '23505', constraint: 'es_events_pkey' })).toBeInstanceOf(IdempotencyViolationError);
  });

  it('maps ES003 to InvalidAppendError', () => {
    expect(map({ code: 'ES003', message: 'bad' })).toBeInstanceOf(InvalidAppendError);
  });

  it('maps connection and unknown failures to EventStoreUnavailableError, keeping the cause', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const mapped = map(refused);
    expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
    expect((mapped as EventStoreUnavailableError).cause).toBe(refused);
    expect(map({ code: '57P01', message: 'terminating connection' })).toBeInstanceOf(EventStoreUnavailableError);
    expect(map({ code: '23505', constraint: 'es_events_position_key' })).toBeInstanceOf(EventStoreUnavailableError);
  });

  it('leaves the store’s own typed errors alone', () => {
    const typed = new InvalidAppendError('x');
    expect(unavailable(typed, 'append')).toBe(typed);
  });
});

describe('hasSqlState', () => {
  it('tells an error the server reported from a failed socket', () => {
    expect(hasSqlState(new DatabaseError('terminating connection due to administrator command', 0, 'error'))).toBe(true);
    expect(hasSqlState(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).toBe(false);
  });
});
