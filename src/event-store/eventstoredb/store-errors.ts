import { ErrorType, isCommandError, type WrongExpectedVersionError } from '@eventstore/db-client';
import { EventStoreUnavailableError, IdempotencyViolationError, InvalidAppendError, WrongExpectedRevisionError } from '../event-store.port';

function isOfType(error: unknown, type: ErrorType): boolean {
  return error instanceof Error && isCommandError(error) && error.type === type;
}

export const isWrongExpectedVersion = (error: unknown): error is WrongExpectedVersionError =>
  isOfType(error, ErrorType.WRONG_EXPECTED_VERSION);

/** A read of a stream that does not exist (or was soft-deleted / tombstoned): for us, an empty stream. */
export const isMissingStream = (error: unknown): boolean =>
  isOfType(error, ErrorType.STREAM_NOT_FOUND) || isOfType(error, ErrorType.STREAM_DELETED);

function isPortError(error: unknown): error is Error {
  return (
    error instanceof WrongExpectedRevisionError ||
    error instanceof IdempotencyViolationError ||
    error instanceof InvalidAppendError ||
    error instanceof EventStoreUnavailableError
  );
}

/**
 * Everything the client throws that the caller cannot fix becomes
 * EventStoreUnavailableError (a 503 at the edge); an append over the server's
 * size limit is the caller's input, so InvalidAppendError.
 */
export function toStoreError(error: unknown, operation: string): Error {
  if (isPortError(error)) return error;
  if (isOfType(error, ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED)) {
    return new InvalidAppendError(`EventStoreDB ${operation}: the batch exceeds the server's maximum append size`);
  }
  const reason = error instanceof Error ? error.message || error.name : String(error);
  return new EventStoreUnavailableError(`EventStoreDB ${operation} failed: ${reason}`, error);
}
