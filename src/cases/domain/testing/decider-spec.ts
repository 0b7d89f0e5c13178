import { deepStrictEqual, fail } from 'node:assert/strict';
import { CaseCommand } from '../case.commands';
import { decide, DecideContext } from '../case.decide';
import { CaseEvent } from '../case.events';
import { CaseRuleViolation } from '../case-error';
import { foldCase } from '../case.state';

type Outcome = { events: CaseEvent[] } | { violation: CaseRuleViolation };

/** A refusal as clients see it: its kind and stable code, and its details where the spec states them. */
export interface ExpectedRefusal {
  kind: CaseRuleViolation['kind'];
  code: string;
  details?: Record<string, unknown>;
}

function outcomeOf(history: CaseEvent[], command: CaseCommand, ctx: DecideContext): Outcome {
  try {
    return { events: decide(command, foldCase(history), ctx) };
  } catch (error) {
    if (error instanceof CaseRuleViolation) return { violation: error };
    throw error;
  }
}

const describeOutcome = (outcome: Outcome): string =>
  'events' in outcome ? `events ${outcome.events.map((e) => e.type).join(', ') || '(none)'}` : `refusal ${outcome.violation.code}`;

/**
 * Given / when / then over whole events, as Emmett's DeciderSpecification:
 * the history is folded with evolve, the command decided on it, and the
 * outcome compared whole (every field of every event, or the refusal).
 * Framework-free (node:assert), so any test runner can use it.
 */
export function given(history: CaseEvent[]) {
  return {
    when(command: CaseCommand, ctx: DecideContext) {
      return {
        then(expected: CaseEvent[]): void {
          const outcome = outcomeOf(history, command, ctx);
          if (!('events' in outcome)) fail(`expected events ${expected.map((e) => e.type).join(', ')}, got ${describeOutcome(outcome)}`);
          deepStrictEqual(outcome.events, expected);
        },
        thenRefuses(expected: ExpectedRefusal): void {
          const outcome = outcomeOf(history, command, ctx);
          if (!('violation' in outcome)) fail(`expected refusal ${expected.code}, got ${describeOutcome(outcome)}`);
          const { kind, code, details } = outcome.violation;
          deepStrictEqual({ kind, code, ...(expected.details ? { details } : {}) }, expected);
        },
      };
    },
  };
}
