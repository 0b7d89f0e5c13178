/**
 * A request that pure logic refuses, said without HTTP: the logic names what went wrong
 * (`kind`) and a stable `code`; the problem filter at the edge turns it into
 * problem+json with the status of its kind (as the cases domain does with CaseRuleViolation).
 */
export type RuleViolationKind = 'invalid' | 'not-found' | 'unprocessable';

export const STATUS_OF_KIND: Record<RuleViolationKind, number> = { invalid: 400, 'not-found': 404, unprocessable: 422 };

export abstract class RuleViolation extends Error {
  constructor(
    readonly kind: RuleViolationKind,
    readonly code: string,
    message: string,
    /** Members added to the problem body as they are (e.g. what was asked and what exists). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** A replay point the audit cannot use: malformed, ambiguous or beyond the stream. */
export class ReplayPointError extends RuleViolation {
  override readonly name = 'ReplayPointError';
}

/** A regulation the catalog does not hold, or one that does not govern what was asked. */
export class CatalogLookupError extends RuleViolation {
  override readonly name = 'CatalogLookupError';
}
