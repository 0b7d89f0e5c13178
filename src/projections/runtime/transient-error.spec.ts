import { isTransientDatabaseError } from './transient-error';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isTransientDatabaseError', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a terminated backend (57P01)', withCode('terminating connection due to administrator command', '57P01')],
    ['a server starting up (57P03)', withCode('the database system is starting up', '57P03')],
    ['too many connections (53300)', withCode('sorry, too many clients already', '53300')],
    ['a deadlock (40P01)', withCode('deadlock detected', '40P01')],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['a wrapped driver error', Object.assign(new Error('query failed'), { driverError: withCode('x', '08006') })],
    ['an aggregate of socket errors', new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], '')],
  ])('%s is transient', (_what, error) => {
    expect(isTransientDatabaseError(error)).toBe(true);
  });

  it.each([
    ['an unsupported Unicode escape (22P05)', withCode('unsupported Unicode escape sequence', '22P05')],
    ['an invalid integer (22P02)', withCode('invalid input syntax for type integer: "x"', '22P02')],
    ['a unique violation (23505)', withCode('duplicate key value violates unique constraint', '23505')],
    ['a TypeError in apply', new TypeError("Cannot read properties of undefined (reading 'name')")],
    ['a thrown string', 'boom'],
  ])('%s is the event’s fault', (_what, error) => {
    expect(isTransientDatabaseError(error)).toBe(false);
  });
});
