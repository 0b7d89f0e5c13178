import { CaseCommand } from './case.commands';
import { decide, DecideContext } from './case.decide';
import { CaseState } from './case.state';

/** What a form on the case page asks for: the command's type, and the appeal it concerns for appeal commands. */
export type AvailableAction =
  | {
      type:
        | 'ForwardToProvider'
        | 'RegisterAtProvider'
        | 'ReviewDocuments'
        | 'ImposeVisa'
        | 'ReassignExecutor'
        | 'PrepareDraft'
        | 'SignResult'
        | 'SendToStateCorporation';
    }
  | { type: 'IssueResult'; to: Array<'applicant' | 'representative'> }
  | { type: 'RefuseService' | 'HandToStorage' | 'RecallFromStorage' | 'FileAppeal' }
  | { type: 'ForwardAppeal' | 'DecideAppeal'; appealId: string };

/** Stand-ins for what the user will type: long enough for every rule that looks at text, never a real id. */
const PROBE_TEXT = 'probe';
const PROBE_ID = 'probe:not-a-user';
const PROBE_APPEAL = '00000000-0000-4000-8000-000000000000';

/** True when decide() accepts the command: the same rules the command path applies, nothing restated. */
function accepted(command: CaseCommand, state: CaseState, ctx: DecideContext): boolean {
  try {
    decide(command, state, ctx);
    return true;
  } catch {
    // A refusal (CaseRuleViolation) or a deadline the calendar cannot compute: either way the command would fail now.
    return false;
  }
}

/**
 * The commands the caller may give the case now, found by asking decide()
 * with stand-in arguments (decide is pure: nothing is written). Arguments the
 * user chooses (executor, grounds) are checked again when the form is posted.
 */
export function availableActions(state: CaseState, ctx: DecideContext): AvailableAction[] {
  const ok = (command: CaseCommand) => accepted(command, state, ctx);
  const actions: AvailableAction[] = [];
  const simple = ['ForwardToProvider', 'RegisterAtProvider', 'ReviewDocuments', 'SignResult', 'SendToStateCorporation'] as const;
  for (const type of simple) if (ok({ type })) actions.push({ type });
  if (ok({ type: 'ImposeVisa', executorId: PROBE_ID })) actions.push({ type: 'ImposeVisa' });
  if (ok({ type: 'PrepareDraft' })) actions.push({ type: 'PrepareDraft' });
  const to = (['applicant', 'representative'] as const).filter((recipient) => ok({ type: 'IssueResult', to: recipient }));
  if (to.length > 0) actions.push({ type: 'IssueResult', to });
  if (ok({ type: 'ReassignExecutor', executorId: PROBE_ID, reason: PROBE_TEXT })) actions.push({ type: 'ReassignExecutor' });
  if (ok({ type: 'RefuseService', grounds: PROBE_TEXT })) actions.push({ type: 'RefuseService' });
  if (ok({ type: 'HandToStorage' })) actions.push({ type: 'HandToStorage' });
  if (ok({ type: 'RecallFromStorage', requestedAt: ctx.now.toISOString() })) actions.push({ type: 'RecallFromStorage' });
  if (ok({ type: 'FileAppeal', appealId: PROBE_APPEAL, grounds: PROBE_TEXT })) actions.push({ type: 'FileAppeal' });
  for (const appeal of state.appeals) {
    if (ok({ type: 'ForwardAppeal', appealId: appeal.appealId, to: PROBE_TEXT }))
      actions.push({ type: 'ForwardAppeal', appealId: appeal.appealId });
    if (ok({ type: 'DecideAppeal', appealId: appeal.appealId, decision: 'upheld', reasoning: PROBE_TEXT }))
      actions.push({ type: 'DecideAppeal', appealId: appeal.appealId });
  }
  return actions;
}
