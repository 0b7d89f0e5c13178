import { EventStoreUnavailableError } from '../event-store/event-store.port';

/**
 * The one place that tells "the database (or the way to it) is down" from
 * every other error. The HTTP edge answers such errors 503 with Retry-After;
 * the projection runtime retries them instead of blocking on an event.
 */
const CONNECTION_SQLSTATE_CLASSES = ['08', '53', '57']; // connection exception, insufficient resources, operator intervention (57P01 admin shutdown, 57P03 starting up)
const CONNECTION_NODE_CODES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
];
const CONNECTION_MESSAGES = [
  /connection terminated/i, // pg: the server or a proxy dropped the socket
  /timeout exceeded when trying to connect/i, // pg-pool: no connection within connectionTimeoutMillis
  /connection error/i,
  /not queryable/i, // pg: a client whose socket already failed
  /Connection is not established/i,
  /connection is not yet established/i, // TypeORM CannotExecuteNotConnectedError
];

/** An error's own data property (pg, TypeORM and Node set codes and causes as such); never runs a getter. */
export function errorField(error: object, key: string): unknown {
  return Object.getOwnPropertyDescriptor(error, key)?.value;
}

/** A refused, dropped or timed-out connection, a server shutting down or starting up, a pool out of connections. */
export function isConnectionError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const code = errorField(error, 'code');
  if (typeof code === 'string') {
    if (CONNECTION_NODE_CODES.includes(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && CONNECTION_SQLSTATE_CLASSES.includes(code.slice(0, 2))) return true;
  }
  const message = error instanceof Error ? error.message : '';
  if (CONNECTION_MESSAGES.some((m) => m.test(message))) return true;
  // TypeORM wraps the driver's error; pg wraps socket errors in AggregateError; Error.cause chains.
  const aggregated: unknown[] = error instanceof AggregateError ? error.errors : [];
  const inner = [errorField(error, 'driverError'), errorField(error, 'cause'), ...aggregated];
  return inner.some((e) => e !== undefined && e !== error && isConnectionError(e, depth + 1));
}

export type Unavailability = 'event-store-unavailable' | 'database-unavailable';

/** Which backing store an error says is unavailable, if any. */
export function classifyUnavailability(error: unknown): Unavailability | undefined {
  if (error instanceof EventStoreUnavailableError) return 'event-store-unavailable';
  if (isConnectionError(error)) return 'database-unavailable';
  return undefined;
}

/** Seconds a client should wait before retrying after a 503. */
export const RETRY_AFTER_SECONDS = 5;
