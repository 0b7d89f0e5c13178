import { CannotExecuteNotConnectedError, QueryFailedError } from 'typeorm';
import { EventStoreUnavailableError } from '../event-store/event-store.port';
import { classifyUnavailability, isConnectionError } from './unavailability';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('classifyUnavailability', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a reset connection', withCode('read ECONNRESET', 'ECONNRESET')],
    ['an administrator shutdown (57P01)', withCode('terminating connection due to administrator command', '57P01')],
    ['a server starting up (57P03)', withCode('the database system is starting up', '57P03')],
    ['a connection failure (08006)', withCode('connection failure', '08006')],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ['a dropped socket', new Error('Connection terminated unexpectedly')],
    ['TypeORM not connected', new CannotExecuteNotConnectedError()],
    ['TypeORM wrapping a refused connection', new QueryFailedError('SELECT 1', [], withCode('connect ECONNREFUSED', 'ECONNREFUSED'))],
    ['an aggregate of socket errors', new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], '')],
    ['a cause chain', new Error('query failed', { cause: withCode('x', '08001') })],
  ])('%s: the database is unavailable', (_what, error) => {
    expect(classifyUnavailability(error)).toBe('database-unavailable');
  });

  it('the event store adapters’ own error: the event store is unavailable', () => {
    expect(classifyUnavailability(new EventStoreUnavailableError('EventStoreDB is not reachable'))).toBe('event-store-unavailable');
  });

  it.each([
    ['an unsupported Unicode escape (22P05)', withCode('unsupported Unicode escape sequence', '22P05')],
    ['a unique violation (23505)', withCode('duplicate key value violates unique constraint', '23505')],
    ['a deadlock (40P01): contention, not an outage', withCode('deadlock detected', '40P01')],
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'name')")],
    ['a thrown string', 'ECONNREFUSED'],
    ['undefined', undefined],
  ])('%s is not an outage', (_what, error) => {
    expect(classifyUnavailability(error)).toBeUndefined();
    expect(isConnectionError(error)).toBe(false);
  });

  it('a self-referencing cause does not loop', () => {
    const error: Error & { cause?: unknown } = new Error('x');
    error.cause = error;
    expect(isConnectionError(error)).toBe(false);
  });
});
