/**
 * A command the case refuses. `code` is stable (clients branch on it); the HTTP
 * edge maps `kind` to a status: invalid → 400, forbidden → 403, conflict → 409.
 */
export class CaseRuleViolation extends Error {
  constructor(
    readonly kind: 'invalid' | 'forbidden' | 'conflict' | 'not-found',
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'CaseRuleViolation';
  }
}
