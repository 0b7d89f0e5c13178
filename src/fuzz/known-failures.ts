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

function parsed(body: string | undefined): unknown {
  try {
    return body === undefined ? undefined : JSON.parse(body);
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export const KNOWN_FAILURES: KnownFailure[] = [
  {
    // ValidateNested skips an absent or non-object applicant; applicationFields then reads applicant.iin.
    issue: '#15 item 4 (edge, DTOs): POST /cases or /cases/refuse-acceptance without an applicant object → 500 (TypeError in applicationFields)',
    matches: ({ request, response }) => {
      const body = parsed(request.body);
      return response.status === 500 && /^POST \/cases(\/refuse-acceptance)?$/.test(request.route) && isObject(body) && !isObject(body.applicant);
    },
  },
  {
    // class-transformer recurses once per level and overflows the stack; the edge branch refuses bodies deeper than 32 before validation.
    issue: '#15 item 4 (edge): a deeply nested body → 500 (stack overflow in class-transformer)',
    matches: ({ request, response }) => response.status === 500 && request.body !== undefined && nestingDepth(request.body) >= 100,
  },
];

export const knownFailureOf = (outcome: FuzzOutcome): KnownFailure | undefined => KNOWN_FAILURES.find((known) => known.matches(outcome));

/** A projection blocked at an event it cannot apply, for a reason another part of #15 fixes. */
export interface KnownProjectionBlock {
  issue: string;
  matches(blocked: unknown): boolean;
}

export const KNOWN_PROJECTION_BLOCKS: KnownProjectionBlock[] = [
  {
    // PostgreSQL cannot store NUL (or a lone surrogate) in text/jsonb; the edge branch refuses such text in every request and in append validation.
    issue: '#15 item 1 (edge): text with NUL or a lone surrogate accepted, then no read model can store it',
    matches: (blocked) => isObject(blocked) && typeof blocked.error === 'string' && /unsupported Unicode escape sequence|invalid input syntax for type json|invalid byte sequence|\\u0000 cannot be converted/i.test(blocked.error),
  },
];

export const knownProjectionBlockOf = (blocked: unknown): KnownProjectionBlock | undefined => KNOWN_PROJECTION_BLOCKS.find((known) => known.matches(blocked));
