/**
 * Every problem `code` the API can answer with (src/common/problem.ts,
 * ProblemError and CaseRuleViolation codes), so each language's dictionary
 * must word every one of them: the type system checks the dictionaries.
 * A code missing here still renders (generic message + the code).
 */
export const PROBLEM_CODES = [
  // case rules (src/cases/domain/case.decide.ts)
  'appeal-decided', 'appeal-exists', 'appeal-not-found', 'case-closed', 'case-exists', 'case-not-found', 'executor-unchanged',
  'no-executor-named', 'no-representative', 'no-step-pending', 'outside-acceptance-window', 'power-of-attorney-not-notarised',
  'result-in-provider-storage', 'result-not-at-state-corporation', 'result-not-in-storage', 'step-out-of-order', 'storage-not-regulated',
  'not-the-named-executor', 'wrong-organisation', 'wrong-region', 'wrong-role', 'category-required', 'grounds-required', 'invalid-iin',
  'invalid-requested-at', 'power-of-attorney-in-future', 'reason-required', 'reasoning-required', 'recall-before-hand-over',
  'acceptance-refusal-not-regulated', 'channel-not-available', 'calendar-year-not-covered', 'no-regulation-in-force', 'unknown-command',
  // HTTP edge and concurrency
  'concurrent-modification', 'stale-revision', 'idempotency-key-reused', 'invalid-idempotency-key', 'invalid-if-match', 'invalid-case-id',
  'invalid-appeal-id', 'validation-failed', 'role-not-allowed', 'organisation-out-of-scope', 'region-out-of-scope', 'forbidden', 'not-found',
  'bad-request', 'unauthenticated', 'invalid-token', 'token-expired', 'text-not-storable', 'body-too-large', 'body-too-deep', 'forbidden-key',
  'malformed-json', 'malformed-url', 'payload-too-large', 'unsupported-media-type', 'method-not-allowed',
  // regulations, audit, replay
  'regulation-not-found', 'regulation-not-in-force', 'regulation-version-not-found', 'regulation-text-not-found', 'regulation-wording-unknown',
  'invalid-at', 'invalid-revision', 'revision-beyond-stream', 'replay-point-ambiguous', 'access-not-recorded', 'invalid-month-range',
  // availability
  'event-store-unavailable', 'database-unavailable', 'not-ready', 'internal', 'headers-too-large', 'request-timeout', 'malformed-request',
  // transparency log
  'transparency-log-unavailable', 'transparency-log-damaged', 'transparency-log-behind', 'checkpoint-not-found', 'no-checkpoint', 'invalid-tree-size',
  // the console's own
  'csrf-failed',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export const isProblemCode = (code: string): code is ProblemCode => PROBLEM_CODES.some((known) => known === code);
