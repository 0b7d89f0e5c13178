/**
 * Errors that say the database (or the way to it) is unavailable, not that an
 * event cannot be applied: the runner retries them with backoff and never
 * blocks on them. Everything else a batch throws is taken as the event's fault
 * once the event fails alone (see ProjectionRunner).
 */
const TRANSIENT_SQLSTATE_CLASSES = ['08', '53', '57']; // connection exception, insufficient resources, operator intervention
const TRANSIENT_SQLSTATES = ['40001', '40P01', '55P03']; // serialization failure, deadlock, lock not available
const TRANSIENT_NODE_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];
const TRANSIENT_MESSAGES = [/connection terminated/i, /timeout exceeded when trying to connect/i, /connection error/i, /not queryable/i, /Connection is not established/i];

function field(error: object, key: string): unknown {
  return Object.getOwnPropertyDescriptor(error, key)?.value;
}

export function isTransientDatabaseError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = field(error, 'code');
  if (typeof code === 'string') {
    if (TRANSIENT_NODE_CODES.includes(code) || TRANSIENT_SQLSTATES.includes(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && TRANSIENT_SQLSTATE_CLASSES.includes(code.slice(0, 2))) return true;
  }
  const message = error instanceof Error ? error.message : '';
  if (TRANSIENT_MESSAGES.some((m) => m.test(message))) return true;
  // TypeORM wraps the driver's error; pg wraps socket errors in AggregateError.
  const inner = [field(error, 'driverError'), field(error, 'cause'), ...(error instanceof AggregateError ? error.errors : [])];
  return inner.some((e) => e !== undefined && e !== error && isTransientDatabaseError(e));
}
