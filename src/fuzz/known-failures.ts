import type { FuzzOutcome } from './run';

/**
 * Failures the fuzzer finds whose fix belongs to another part of issue #15,
 * named so a run says which are known and which are new. Delete an entry
 * when its fix lands: the fuzz test then guards it like any other.
 */
export interface KnownFailure {
  issue: string;
  matches(outcome: FuzzOutcome): boolean;
}

/** How deeply a JSON text nests its arrays and objects (strings skipped). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') deepest = Math.max(deepest, ++depth);
    else if (c === ']' || c === '}') depth--;
  }
  return deepest;
}

/**
 * Empty: the fixes for what was listed here landed (#15: a missing applicant, bodies nested
 * deeper than 32, text PostgreSQL cannot store). Keep it empty unless a failure is owned elsewhere.
 */
export const KNOWN_FAILURES: KnownFailure[] = [];

export const knownFailureOf = (outcome: FuzzOutcome): KnownFailure | undefined => KNOWN_FAILURES.find((known) => known.matches(outcome));

/** A projection blocked at an event it cannot apply, for a reason another part of #15 fixes. */
export interface KnownProjectionBlock {
  issue: string;
  matches(blocked: unknown): boolean;
}

export const KNOWN_PROJECTION_BLOCKS: KnownProjectionBlock[] = [];

export const knownProjectionBlockOf = (blocked: unknown): KnownProjectionBlock | undefined =>
  KNOWN_PROJECTION_BLOCKS.find((known) => known.matches(blocked));
