import type { ProblemSpec } from './api-problems.decorator';

/**
 * Problem codes shared by many operations, for @ApiProblems(...). Each list
 * names where the codes come from, so a new source of problems has one place
 * to be added.
 */

/** Any request: the request guard refuses a path that is not UTF-8 or text PostgreSQL cannot store. */
export const ANY_REQUEST: ProblemSpec[] = ['malformed-url', 'text-not-storable', 'body-too-deep', 'forbidden-key'];

/** AuthGuard: no token, a bad one, an expired one. */
export const BEARER: ProblemSpec[] = ['unauthenticated', 'invalid-token', 'token-expired'];

/** AuthGuard on a route with @Roles. */
export const ROLE: ProblemSpec[] = ['role-not-allowed'];

/** A JSON body: body parsers, request guard, validation pipe. */
export const JSON_BODY: ProblemSpec[] = [
  'validation-failed',
  'malformed-json',
  'bad-request',
  'body-too-large',
  'payload-too-large',
  'unsupported-media-type',
];

/** Query parameters checked by the validation pipe. */
export const QUERY: ProblemSpec[] = ['validation-failed'];

/** Reads or writes PostgreSQL or the event store (problem.filter.ts: 503 with Retry-After). */
export const STORAGE: ProblemSpec[] = ['database-unavailable', 'event-store-unavailable'];

/** A case command on an existing case (the routes in cases/commands, case-command.service.ts, the case rules). */
export const CASE_COMMAND: ProblemSpec[] = [
  // A deadline that runs into a year whose working calendar is not loaded.
  { code: 'calendar-year-not-covered', status: 422 },
  'invalid-case-id',
  'invalid-if-match',
  'invalid-idempotency-key',
  'idempotency-key-reused',
  'stale-revision',
  'concurrent-modification',
  'case-not-found',
  'wrong-role',
  'wrong-organisation',
  'wrong-region',
  'case-closed',
  'no-step-pending',
  'step-out-of-order',
];
