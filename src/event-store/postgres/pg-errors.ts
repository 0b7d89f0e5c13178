import { DatabaseError } from 'pg';
import {
  EventStoreUnavailableError,
  ExpectedRevision,
  IdempotencyViolationError,
  InvalidAppendError,
  WrongExpectedRevisionError,
} from '../event-store.port';

/** The fields of a pg DatabaseError (or a Node socket error) that the mapping reads. */
interface PgErrorLike {
  code?: string;
  detail?: string;
  constraint?: string;
  message?: string;
}

const asPgError = (error: unknown): PgErrorLike => (typeof error === 'object' && error !== null ? error : {});

/** Adds context to errors the caller cannot fix; leaves the store's own typed errors alone. */
export function unavailable(error: unknown, doing: string): Error {
  if (
    error instanceof EventStoreUnavailableError ||
    error instanceof WrongExpectedRevisionError ||
    error instanceof IdempotencyViolationError ||
    error instanceof InvalidAppendError
  ) {
    return error;
  }
  const { code, message } = asPgError(error);
  return new EventStoreUnavailableError(`event store: ${doing} failed: ${message ?? String(error)}${code ? ` (${code})` : ''}`, error);
}

/** A unique index rejected the fast append path's insert: an event id already stored (a retry, or an id of another stream). */
export const isUniqueViolation = (error: unknown): boolean => asPgError(error).code === '23505';

/** The server answered with an error (a SQLSTATE), as opposed to a socket that failed without one. */
export const hasSqlState = (error: unknown): boolean => error instanceof DatabaseError;

/** Maps the SQLSTATEs es_append raises (see migrations/002-append-function.ts). */
export function appendError(error: unknown, streamId: string, expected: ExpectedRevision, ids: string[]): Error {
  const { code, detail, constraint, message } = asPgError(error);
  switch (code) {
    case 'ES001':
      return new WrongExpectedRevisionError(streamId, expected, Number(detail));
    case 'ES002':
      return new IdempotencyViolationError(streamId, ids, message ?? 'idempotency violation');
    case 'ES003':
      return new InvalidAppendError(message ?? 'invalid append');
    case '23505':
      // Another transaction stored one of these ids in another stream concurrently.
      if (constraint === 'es_events_pkey') {
        return new IdempotencyViolationError(streamId, ids, 'an event id was stored concurrently in another stream');
      }
      return unavailable(error, 'append');
    default:
      return unavailable(error, 'append');
  }
}
