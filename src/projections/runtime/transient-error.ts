import { errorField, isConnectionError } from '../../common/unavailability';

/**
 * Errors that say the database is unavailable or busy, not that an event
 * cannot be applied: the runner retries them with backoff and never blocks on
 * them. Everything else a batch throws is taken as the event's fault once the
 * event fails alone (see ProjectionRunner). Connection errors are classified
 * in one place (common/unavailability.ts), shared with the HTTP edge's 503.
 */
const CONTENTION_SQLSTATES = ['40001', '40P01', '55P03']; // serialization failure, deadlock, lock not available

function isContention(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = errorField(error, 'code');
  if (typeof code === 'string' && CONTENTION_SQLSTATES.includes(code)) return true;
  return [errorField(error, 'driverError'), errorField(error, 'cause')].some(
    (inner) => inner !== undefined && inner !== error && isContention(inner),
  );
}

export function isTransientDatabaseError(error: unknown): boolean {
  return isConnectionError(error) || isContention(error);
}
