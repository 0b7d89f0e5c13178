/**
 * Every problem `code` the HTTP API answers with, its status and an example
 * detail: the OpenAPI document's problem responses are built from this one
 * table (api-problems.decorator.ts), and problem-catalog.spec.ts checks that
 * every code the source raises is here, so the contract cannot forget one.
 */
interface ProblemEntry {
  /** Statuses the code is answered with; the first is the usual one. */
  readonly statuses: readonly [number, ...number[]];
  readonly example: string;
}

const entry = (status: number, example: string, ...more: number[]): ProblemEntry => ({ statuses: [status, ...more], example });

export const PROBLEM_CATALOG = {
  // Authentication and authorisation (AuthGuard, scopes)
  unauthenticated: entry(401, 'A bearer token is required (Authorization: Bearer <token>)'),
  'invalid-token': entry(401, 'The bearer token is not valid'),
  'token-expired': entry(401, 'The bearer token is expired'),
  'role-not-allowed': entry(403, 'This action needs one of the roles: clerk, head, executor, state-corporation-operator'),
  'organisation-out-of-scope': entry(403, 'Staff see only their own organisation (school-7)'),
  'region-out-of-scope': entry(403, 'Oversight of kostanay-oblast does not see astana'),
  // Request shape (request guard, validation pipe, Nest's own errors)
  'validation-failed': entry(400, 'service: service must be one of the following values: …'),
  'malformed-json': entry(400, 'The request body is not valid JSON'),
  'malformed-url': entry(400, 'The request path holds a percent-encoding that is not UTF-8'),
  'bad-request': entry(400, 'The request body could not be read'),
  'text-not-storable': entry(400, 'applicant.name: text must be valid Unicode without NUL characters'),
  'forbidden-key': entry(400, 'body.__proto__: the keys __proto__, constructor and prototype are not accepted'),
  'body-too-deep': entry(400, 'body.a.b.c: objects and arrays may nest at most 32 levels deep'),
  'body-too-large': entry(413, 'The request body is larger than the limit of 102400 bytes'),
  'payload-too-large': entry(413, 'The request body is too large'),
  'unsupported-media-type': entry(415, 'The request body’s charset or content encoding is not supported'),
  'not-found': entry(404, 'Cannot GET /nowhere'),
  forbidden: entry(403, 'Forbidden resource'),
  'method-not-allowed': entry(405, 'Method Not Allowed'),
  // Case commands: HTTP edge and concurrency
  'invalid-case-id': entry(400, 'A case id is a UUID'),
  'invalid-appeal-id': entry(400, 'An appeal id is a UUID'),
  'invalid-if-match': entry(400, 'If-Match must be the ETag of the case, e.g. "3"'),
  'invalid-idempotency-key': entry(400, 'Idempotency-Key must be 1 to 200 characters'),
  'idempotency-key-reused': entry(422, 'This Idempotency-Key was used for a different request'),
  'stale-revision': entry(412, 'The case is at revision 4, not 3'),
  'concurrent-modification': entry(409, 'The case changed twice while deciding; retry the request'),
  'case-not-found': entry(404, 'No such case'),
  'appeal-not-found': entry(404, 'No such appeal'),
  // Case rules (src/cases/domain/case.decide.ts): invalid → 400, forbidden → 403, conflict → 409
  'category-required': entry(400, 'This service needs the applicant’s category'),
  'grounds-required': entry(400, 'Grounds are required'),
  'invalid-iin': entry(400, 'The IIN fails its check digit'),
  'invalid-requested-at': entry(400, 'requestedAt is not a valid instant'),
  'power-of-attorney-in-future': entry(400, 'The power of attorney is dated in the future'),
  'reason-required': entry(400, 'A reason is required'),
  'reasoning-required': entry(400, 'Reasoning is required'),
  'recall-before-hand-over': entry(400, 'The request to recall precedes the hand-over to storage'),
  'not-the-named-executor': entry(403, 'Only the executor named in the visa prepares the draft'),
  'wrong-organisation': entry(403, 'This step is taken by the provider school-7'),
  'wrong-region': entry(403, 'The case is in kostanay-oblast'),
  'wrong-role': entry(403, 'This step is taken by the head'),
  'acceptance-refusal-not-regulated': entry(409, 'The regulation gives no refusal of acceptance on the portal channel'),
  'appeal-decided': entry(409, 'The appeal is already decided'),
  'appeal-exists': entry(409, 'An appeal with this id exists'),
  'case-closed': entry(409, 'The case is closed'),
  'case-exists': entry(409, 'A case with this id exists'),
  'executor-unchanged': entry(409, 'This executor is already named'),
  'no-executor-named': entry(409, 'No executor is named yet'),
  'no-representative': entry(409, 'The application names no representative'),
  'no-step-pending': entry(409, 'No step is pending'),
  'outside-acceptance-window': entry(409, 'Applications for this service are accepted from 1 June to 25 August'),
  'power-of-attorney-not-notarised': entry(409, 'The power of attorney is not notarised'),
  'result-in-provider-storage': entry(409, 'The result is in the provider’s storage'),
  'result-not-at-state-corporation': entry(409, 'The result is not at the State Corporation'),
  'result-not-in-storage': entry(409, 'The result is not in storage'),
  'step-out-of-order': entry(409, 'The case awaits registered, not signed'),
  'storage-not-regulated': entry(409, 'The regulation has no storage step'),
  // Regulations catalog and calendar
  'regulation-not-found': entry(404, 'No regulation for astana/preschool-enrolment'),
  'regulation-version-not-found': entry(404, 'No regulation version astana/preschool-enrolment/v9'),
  'regulation-text-not-found': entry(404, 'No seed text unknown.txt'),
  'regulation-not-in-force': entry(422, 'No version of astana/preschool-enrolment was in force on 2010-01-01'),
  'no-regulation-in-force': entry(409, 'No regulation version is in force for this receipt'),
  'unknown-command': entry(400, 'Not a case command: {"type":"Teleport"}'),
  'channel-not-available': entry(422, 'kostanay-oblast/secondary-education-duplicates/v2 does not accept applications via portal'),
  'regulation-wording-unknown': entry(
    422,
    'The wording of astana/preschool-enrolment/v1 for portal in force on 2019-03-04 is not in the catalog',
  ),
  'calendar-year-not-covered': entry(404, 'The working-time calendar has no data for 2040 (covered: 2015–2026)', 422),
  'calendar-invalid-input': entry(400, 'Unknown region: atlantis'),
  'calendar-data-invalid': entry(500, 'The working-time calendar data is inconsistent; it has been logged'),
  // Audit, replay, read models
  'invalid-at': entry(400, '`at` must be an ISO 8601 instant with Z or an offset, e.g. 2019-03-04T10:00:00+06:00'),
  'invalid-revision': entry(400, '`revision` must be a whole number >= 0'),
  'revision-beyond-stream': entry(400, "The case's last revision is 7"),
  'replay-point-ambiguous': entry(400, 'Give either `at` or `revision`, not both'),
  'access-not-recorded': entry(503, 'The access could not be recorded, so it is not served; retry later'),
  'invalid-month-range': entry(400, 'from (2019-05) is after to (2019-03)'),
  // Transparency log
  'invalid-tree-size': entry(400, 'to (90) is beyond the tree, which holds 42 leaves'),
  'checkpoint-not-found': entry(404, 'No checkpoint was signed for tree size 41'),
  'no-checkpoint': entry(404, 'No checkpoint has been signed yet'),
  'transparency-log-damaged': entry(409, 'The stored tree cannot give this proof. Run npm run audit:verify.'),
  'transparency-log-behind': entry(503, 'The tree holds 40 leaves, fewer than the 42 asked for: the notary is catching up'),
  'transparency-log-unavailable': entry(503, 'The transparency log or the witnessed checkpoints cannot be read right now; retry later'),
  // Availability
  'event-store-unavailable': entry(503, 'The event store cannot be reached right now; retry later'),
  'database-unavailable': entry(503, 'The database cannot be reached right now; retry later'),
  'not-ready': entry(503, 'Not ready: database'),
  internal: entry(500, 'An unexpected error occurred; it has been logged'),
  // Refused by Node's HTTP parser before any route (http-server-errors.ts): no operation of the document gives them
  'headers-too-large': entry(431, 'The request headers are too large'),
  'request-timeout': entry(408, 'The request was not received in time'),
  'malformed-request': entry(400, 'The request is not valid HTTP'),
} as const satisfies Record<string, ProblemEntry>;

export type CatalogedProblemCode = keyof typeof PROBLEM_CATALOG;

export const isCatalogedProblemCode = (code: string): code is CatalogedProblemCode => Object.hasOwn(PROBLEM_CATALOG, code);
