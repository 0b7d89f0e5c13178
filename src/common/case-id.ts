import { isUuid } from './ids';
import { ProblemError } from './problem';

/** A case id from a path: a UUID, or 400 invalid-case-id (the same answer on every route that takes one). */
export function checkCaseId(id: string): string {
  if (!isUuid(id)) throw new ProblemError(400, 'invalid-case-id', 'A case id is a UUID');
  return id;
}

/** An appeal id from a path or a form: a UUID, or 400 invalid-appeal-id. */
export function checkAppealId(id: string): string {
  if (!isUuid(id)) throw new ProblemError(400, 'invalid-appeal-id', 'An appeal id is a UUID');
  return id;
}
