import {
  MaxAppendSizeExceededError,
  NO_STREAM,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { EventStoreUnavailableError, InvalidAppendError, WrongExpectedRevisionError } from '../event-store.port';
import { isMissingStream, isWrongExpectedVersion, toStoreError } from './store-errors';

describe('client error mapping', () => {
  const wrongVersion = new WrongExpectedVersionError(undefined, { streamName: 's', expected: 3n, current: NO_STREAM });

  it('recognises a wrong expected version by the client error type', () => {
    expect(isWrongExpectedVersion(wrongVersion)).toBe(true);
    expect(isWrongExpectedVersion(new Error('wrong-expected-version'))).toBe(false);
    expect(isWrongExpectedVersion('nope')).toBe(false);
  });

  it('treats a missing or deleted stream as an empty one', () => {
    expect(isMissingStream(new StreamNotFoundError(undefined, 's'))).toBe(true);
    expect(isMissingStream(StreamDeletedError.fromStreamName('s'))).toBe(true);
    expect(isMissingStream(wrongVersion)).toBe(false);
  });

  it('turns an oversized append into InvalidAppendError', () => {
    const mapped = toStoreError(MaxAppendSizeExceededError.fromMaxAppendSize(1024), 'append');
    expect(mapped).toBeInstanceOf(InvalidAppendError);
  });

  it('turns anything else into EventStoreUnavailableError keeping the cause', () => {
    const cause = new UnavailableError();
    const mapped = toStoreError(cause, 'read stream');
    expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
    expect(mapped.message).toMatch(/^EventStoreDB read stream failed/);
    expect((mapped as EventStoreUnavailableError).cause).toBe(cause);
    expect(toStoreError('boom', 'x').message).toContain('boom');
  });

  it('passes the port errors through unchanged', () => {
    const ours = new WrongExpectedRevisionError('s', 1, 2);
    expect(toStoreError(ours, 'append')).toBe(ours);
  });
});
