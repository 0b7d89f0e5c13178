import { cite, fixtureVersion } from '../../regulations/catalog/regulation.fixture';
import { RegulationVersion } from '../../regulations/regulation.model';
import { CaseCommand } from './case.commands';
import { CaseEvent } from './case.events';
import { CaseRuleViolation } from './case-error';
import { foldCase } from './case.state';
import { Caller, decide, DecideContext } from './case.decide';
import { WorkingTime } from './working-time.port';

/**
 * A deliberately simple working time for rule tests: every day works, office
 * time is continuous. The real calendar has its own tests.
 */
const simpleTime: WorkingTime = {
  addDuration: (start, d) => {
    const minutes = { minutes: 1, hours: 60, 'working-days': 1440, 'calendar-days': 1440 }[d.unit] * d.value;
    return { dueAt: new Date(start.getTime() + minutes * 60_000), explanation: `+${d.value} ${d.unit}` };
  },
  localDate: (instant) => instant.toISOString().slice(0, 10),
};

const ORG = 'school-7';
const SC = 'sc-kostanay-1';
const staff = (id: string, role: string, organisation = ORG): Caller => ({ id, roles: [role], organisation, region: 'kostanay-oblast' });
const clerk = staff('u-clerk', 'clerk');
const head = staff('u-head', 'head');
const executor = staff('u-exec', 'executor');
const operator = staff('u-sc', 'state-corporation-operator', SC);

const applicant = { iin: '900101300017', name: 'Иванов Иван' };
const T0 = new Date('2018-09-03T04:00:00Z');

function run(
  history: CaseEvent[],
  command: CaseCommand,
  caller: Caller,
  at: Date = T0,
  regulation: RegulationVersion = fixtureVersion(),
): CaseEvent[] {
  const ctx: DecideContext = { caller, now: at, time: simpleTime, regulation };
  return decide(command, foldCase(history), ctx);
}

function violation(fn: () => unknown): CaseRuleViolation {
  try {
    fn();
  } catch (error) {
    if (error instanceof CaseRuleViolation) return error;
    throw error;
  }
  throw new Error('expected a CaseRuleViolation');
}

const receiveAtOffice: CaseCommand = {
  type: 'ReceiveApplication',
  caseId: 'c-1',
  channel: 'provider-office',
  service: 'secondary-education-duplicates',
  providerOrganisation: ORG,
  applicant,
  documents: ['application', 'identity document'],
  consentToProtectedData: true,
};

const hours = (h: number) => new Date(T0.getTime() + h * 3600_000);

describe('case decide: the office channel', () => {
  it('records the receipt with the next step and its deadline', () => {
    const [event] = run([], receiveAtOffice, clerk);
    expect(event.type).toBe('ApplicationReceived');
    if (event.type !== 'ApplicationReceived') return;
    expect(event.data.actor).toEqual({ id: 'u-clerk', role: 'clerk', organisation: ORG });
    expect(event.data.plan.regulationVersionId).toBe('kostanay-oblast/secondary-education-duplicates/v1');
    expect(event.data.step.stepId).toBe('office-1');
    expect(event.data.next).toMatchObject({ stepId: 'office-2', action: 'visa-imposed', dueAt: hours(3).toISOString() });
  });

  it('walks the whole path in the regulation order, each step by its role', () => {
    const history: CaseEvent[] = [];
    const act = (command: CaseCommand, caller: Caller, at: Date) => {
      const events = run(history, command, caller, at);
      history.push(...events);
      return events[0];
    };
    act(receiveAtOffice, clerk, T0);
    expect(act({ type: 'ImposeVisa', executorId: 'u-exec' }, head, hours(1)).type).toBe('VisaImposed');
    expect(act({ type: 'PrepareDraft' }, executor, hours(2)).type).toBe('DraftPrepared');
    expect(act({ type: 'SignResult' }, head, hours(3)).type).toBe('ResultSigned');
    const issued = act({ type: 'IssueResult', to: 'applicant' }, clerk, hours(4));
    expect(issued.type).toBe('ResultIssued');
    expect(foldCase(history).status).toBe('completed');
  });

  it("does not time the hand-over: its minutes run from the applicant's arrival, which is not recorded", () => {
    const history = run([], receiveAtOffice, clerk);
    history.push(...run(history, { type: 'ImposeVisa', executorId: 'u-exec' }, head, hours(1)));
    history.push(...run(history, { type: 'PrepareDraft' }, executor, hours(2)));
    history.push(...run(history, { type: 'SignResult' }, head, hours(3)));
    expect(foldCase(history).current).toMatchObject({ action: 'issued', explanation: expect.stringMatching(/applicant's arrival/) });
    expect(foldCase(history).current?.dueAt).toBeUndefined();
    const [issued] = run(history, { type: 'IssueResult', to: 'applicant' }, clerk, hours(24 * 20));
    expect(issued.type === 'ResultIssued' && issued.data.step.late).toBe(false);
  });

  it('refuses a step out of the regulation order', () => {
    const history = run([], receiveAtOffice, clerk);
    const error = violation(() => run(history, { type: 'SignResult' }, head));
    expect(error.code).toBe('step-out-of-order');
    expect(error.details.expected).toMatchObject({ action: 'visa-imposed', role: 'head' });
  });

  it('lets only the step role act: the executor does not sign, the head does not register', () => {
    const history = run([], receiveAtOffice, clerk);
    expect(violation(() => run(history, { type: 'ImposeVisa', executorId: 'u-exec' }, executor)).code).toBe('wrong-role');
    expect(violation(() => run([], receiveAtOffice, head)).code).toBe('wrong-role');
  });

  it('lets only the named executor draft', () => {
    const history = run([], receiveAtOffice, clerk);
    history.push(...run(history, { type: 'ImposeVisa', executorId: 'u-exec' }, head));
    const other = staff('u-other', 'executor');
    expect(violation(() => run(history, { type: 'PrepareDraft' }, other)).code).toBe('not-the-named-executor');
  });

  it('lets only staff of the case organisation act: for anyone else the case does not exist', () => {
    const history = run([], receiveAtOffice, clerk);
    const foreignHead = staff('u-h2', 'head', 'school-99');
    expect(violation(() => run(history, { type: 'ImposeVisa', executorId: 'u-exec' }, foreignHead)).code).toBe('case-not-found');
    const otherRegion = { ...head, region: 'astana' };
    expect(violation(() => run(history, { type: 'ImposeVisa', executorId: 'u-exec' }, otherRegion)).code).toBe('case-not-found');
  });

  it('tells another organisation nothing about a closed case', () => {
    const history = run([], receiveAtOffice, clerk);
    history.push(...run(history, { type: 'RefuseService', grounds: 'incomplete' }, head));
    const foreignHead = staff('u-h2', 'head', 'school-99');
    expect(violation(() => run(history, { type: 'SignResult' }, foreignHead)).code).toBe('case-not-found');
    expect(violation(() => run(history, { type: 'SignResult' }, head)).code).toBe('case-closed');
  });

  it('takes appeals only from the provider’s clerk or head, forwards them only by its clerk', () => {
    const history = run([], receiveAtOffice, clerk);
    const appeal = (who: Caller) => run(history, { type: 'FileAppeal', appealId: 'a-1', grounds: 'late' }, who);
    expect(appeal(clerk)[0].type).toBe('AppealFiled');
    expect(appeal(head)[0].type).toBe('AppealFiled');
    expect(violation(() => appeal(executor)).code).toBe('wrong-role');
    expect(violation(() => appeal(staff('u-c9', 'clerk', 'school-99'))).code).toBe('case-not-found');
    expect(violation(() => appeal(staff('u-rev', 'appeal-reviewer', 'appeals'))).code).toBe('wrong-role');
    expect(violation(() => appeal(staff('u-op', 'state-corporation-operator', 'school-7'))).code).toBe('case-not-found');
    // Seeing the case as oversight does not make a clerk of another school one of its offices.
    const overseeingClerk: Caller = { id: 'u-oc', roles: ['oversight', 'clerk'], organisation: 'school-99', region: 'kostanay-oblast' };
    expect(violation(() => appeal(overseeingClerk)).code).toBe('wrong-role');
    history.push(...appeal(clerk));
    const forward = (who: Caller) => run(history, { type: 'ForwardAppeal', appealId: 'a-1', to: 'u-head' }, who);
    expect(forward(clerk)[0].type).toBe('AppealForwarded');
    expect(violation(() => forward(head)).code).toBe('wrong-role');
    expect(violation(() => forward(staff('u-c9', 'clerk', 'school-99'))).code).toBe('case-not-found');
  });

  it('records a late step as late, never blocks it', () => {
    const history = run([], receiveAtOffice, clerk);
    const [visa] = run(history, { type: 'ImposeVisa', executorId: 'u-exec' }, head, hours(5));
    expect(visa.type).toBe('VisaImposed');
    if (visa.type !== 'VisaImposed') return;
    expect(visa.data.step).toMatchObject({ stepId: 'office-2', dueAt: hours(3).toISOString(), late: true });
  });

  it('refuses an invalid IIN check digit', () => {
    const bad = { ...receiveAtOffice, applicant: { ...applicant, iin: '900101300018' } } as CaseCommand;
    expect(violation(() => run([], bad, clerk)).code).toBe('invalid-iin');
  });

  it('allows nothing but storage, recall and appeals after the result is issued or refused', () => {
    const history = run([], receiveAtOffice, clerk);
    history.push(...run(history, { type: 'RefuseService', grounds: 'unreliable documents' }, head));
    expect(foldCase(history).status).toBe('service-refused');
    expect(violation(() => run(history, { type: 'ImposeVisa', executorId: 'u-exec' }, head)).code).toBe('case-closed');
    const [appeal] = run(history, { type: 'FileAppeal', appealId: 'a-1', grounds: 'disagree' }, clerk);
    expect(appeal.type).toBe('AppealFiled');
  });

  it('does not receive the same case twice', () => {
    const history = run([], receiveAtOffice, clerk);
    expect(violation(() => run(history, receiveAtOffice, clerk)).code).toBe('case-exists');
  });
});

describe('case decide: the State Corporation channel', () => {
  const receiveAtSc: CaseCommand = { ...receiveAtOffice, channel: 'state-corporation' };

  it('binds the receiving State Corporation office and walks forward → provider → issue', () => {
    const history = run([], receiveAtSc, operator);
    expect(foldCase(history).stateCorporationOrganisation).toBe(SC);
    history.push(...run(history, { type: 'ForwardToProvider' }, operator, hours(1)));
    // Inside "the provider prepares the result (13 working days)" the provider's own actions carry no deadline of their own.
    const [visa] = run(history, { type: 'ImposeVisa', executorId: 'u-exec' }, head, hours(2));
    expect(visa.type === 'VisaImposed' && visa.data.step.withinStep).toBe('sc-3');
    history.push(visa);
    history.push(...run(history, { type: 'SendToStateCorporation' }, clerk, hours(3)));
    expect(foldCase(history).resultLocation).toBe('state-corporation');
    history.push(...run(history, { type: 'IssueResult', to: 'applicant' }, operator, hours(4)));
    expect(foldCase(history).status).toBe('completed');
  });

  it('refuses acceptance of an incomplete package with a refusal receipt', () => {
    const refuse: CaseCommand = { ...receiveAtSc, type: 'RefuseAcceptance', missingDocuments: ['photo'] } as unknown as CaseCommand;
    const [event] = run([], refuse, operator);
    expect(event.type).toBe('AcceptanceRefused');
    if (event.type !== 'AcceptanceRefused') return;
    expect(event.data.step?.stepId).toBe('sc-1r');
    expect(foldCase([event]).status).toBe('acceptance-refused');
  });

  it('does not take an application through a channel the regulation closes', () => {
    const portal = { ...receiveAtOffice, channel: 'portal' } as CaseCommand;
    expect(() => run([], portal, clerk)).toThrow(/no usable steps/);
  });
});

describe('case decide: windows', () => {
  const regulation = fixtureVersion({
    windows: [
      { category: 'full-time', from: '06-20', to: '08-20', appliesTo: { ru: 'очная' }, citation: { paragraph: '5', quote: 'x' } },
      { category: 'evening', from: '06-20', to: '09-20', appliesTo: { ru: 'вечерняя' }, citation: { paragraph: '5', quote: 'x' } },
    ],
  });
  const as = (category?: string) => ({ ...receiveAtOffice, ...(category ? { category } : {}) }) as CaseCommand;

  it('applies only the window of the stated category', () => {
    const september = new Date('2018-09-03T04:00:00Z');
    expect(violation(() => run([], as('full-time'), clerk, september, regulation)).code).toBe('outside-acceptance-window');
    expect(run([], as('evening'), clerk, september, regulation)[0].type).toBe('ApplicationReceived');
    expect(run([], as('full-time'), clerk, new Date('2018-08-20T04:00:00Z'), regulation)[0].type).toBe('ApplicationReceived');
  });

  it('accepts a category the text gives no window for, and records it', () => {
    const [event] = run([], as('transfer'), clerk, new Date('2018-11-03T04:00:00Z'), regulation);
    expect(event.type === 'ApplicationReceived' && event.data.category).toBe('transfer');
  });

  it('asks for the category where the service has windows', () => {
    expect(violation(() => run([], as(), clerk, T0, regulation)).code).toBe('category-required');
  });
});

describe('case decide: appeals', () => {
  it('gives the head 5 working days and marks a late decision late', () => {
    const history = run([], receiveAtOffice, clerk);
    history.push(...run(history, { type: 'FileAppeal', appealId: 'a-1', grounds: 'slow' }, clerk));
    const late = new Date(T0.getTime() + 6 * 24 * 3600_000);
    const [decided] = run(history, { type: 'DecideAppeal', appealId: 'a-1', decision: 'upheld', reasoning: 'late indeed' }, head, late);
    expect(decided.type === 'AppealDecided' && decided.data.late).toBe(true);
    expect(violation(() => run(history, { type: 'DecideAppeal', appealId: 'a-1', decision: 'upheld', reasoning: 'x' }, clerk)).code).toBe(
      'wrong-role',
    );
  });
});

/** A receipt typed as such, so that variants of it need no casts. */
const receipt = (overrides: Partial<Extract<CaseCommand, { type: 'ReceiveApplication' }>> = {}): CaseCommand => ({
  type: 'ReceiveApplication',
  caseId: 'c-1',
  channel: 'provider-office',
  service: 'secondary-education-duplicates',
  providerOrganisation: ORG,
  applicant,
  documents: ['application', 'identity document'],
  consentToProtectedData: true,
  ...overrides,
});

describe('case decide: hostile but well-formed commands (#15)', () => {
  const receiveAtSc = receipt({ channel: 'state-corporation' });
  const refuseAt = (channel: 'provider-office' | 'state-corporation'): CaseCommand => ({
    type: 'RefuseAcceptance',
    caseId: 'c-1',
    channel,
    service: 'secondary-education-duplicates',
    providerOrganisation: ORG,
    applicant,
    documents: ['application'],
    missingDocuments: ['photo'],
  });

  it('given an office channel without a refusal of acceptance, when the clerk refuses acceptance, then it is refused citing the State Corporation clause', () => {
    const refused = violation(() => run([], refuseAt('provider-office'), clerk));
    expect(refused).toMatchObject({ kind: 'conflict', code: 'acceptance-refusal-not-regulated' });
    expect(refused.message).toContain('state-corporation');
    expect(refused.message).toContain('step sc-1r 3 minutes');
    expect(refused.details).toMatchObject({
      channel: 'provider-office',
      givenOn: [{ channel: 'state-corporation', role: 'state-corporation-operator' }],
    });
  });

  it('given a regulation that gives the office a refusal of acceptance, when the clerk refuses, then the text is followed', () => {
    const base = fixtureVersion();
    const regulation = fixtureVersion({
      channels: base.channels.map((c) =>
        c.channel === 'provider-office'
          ? {
              ...c,
              steps: [
                ...c.steps,
                { ...c.steps[0], id: 'office-1r', action: 'acceptance-refused', role: 'provider', branch: 'acceptance-refusal' },
              ],
            }
          : c,
      ),
    });
    const [event] = run([], refuseAt('provider-office'), clerk, T0, regulation);
    expect(event.type).toBe('AcceptanceRefused');
    expect(event.type === 'AcceptanceRefused' && event.data.step?.stepId).toBe('office-1r');
  });

  it('given a representative, when the power of attorney is dated after the day of receipt, then the receipt is refused', () => {
    const withPowerOfAttorney = (date: string) =>
      receipt({ representative: { name: 'Петров Пётр', powerOfAttorney: { number: '2-1', date } } });
    expect(violation(() => run([], withPowerOfAttorney('2018-09-04'), clerk))).toMatchObject({
      kind: 'invalid',
      code: 'power-of-attorney-in-future',
    });
    expect(violation(() => run([], withPowerOfAttorney('2999-01-01'), clerk))).toMatchObject({ code: 'power-of-attorney-in-future' });
    expect(run([], withPowerOfAttorney('2018-09-03'), clerk)[0].type).toBe('ApplicationReceived');
  });

  describe('recall from storage', () => {
    const storageRules = fixtureVersion({
      specialRules: [
        {
          kind: 'state-corporation-storage',
          storage: { kind: 'stated', value: 1, unit: 'months', citation: cite('7', 'one month') },
          citation: cite('7', 'one month'),
        },
        {
          kind: 'recall-from-provider-storage',
          within: { kind: 'stated', value: 1, unit: 'working-days', citation: cite('7', 'one working day') },
          citation: cite('7', 'one working day'),
        },
      ],
    });
    /** Given a result handed to the provider's storage at `handedAt`. */
    const stored = (handedAt: Date): CaseEvent[] => {
      const history = run([], receiveAtSc, operator, T0, storageRules);
      history.push(...run(history, { type: 'ForwardToProvider' }, operator, hours(1)));
      history.push(...run(history, { type: 'SendToStateCorporation' }, clerk, hours(2)));
      history.push(...run(history, { type: 'HandToStorage' }, operator, handedAt));
      return history;
    };
    const handedAt = hours(24 * 40);

    it('given a result in storage, when the recall was requested before the hand-over, then it is refused', () => {
      const history = stored(handedAt);
      const refused = violation(() =>
        run(history, { type: 'RecallFromStorage', requestedAt: hours(24 * 39).toISOString() }, clerk, hours(24 * 41)),
      );
      expect(refused).toMatchObject({
        kind: 'invalid',
        code: 'recall-before-hand-over',
        details: { handedToStorageAt: handedAt.toISOString() },
      });
    });

    it('given a result in storage, when the recall was requested after the hand-over and not in the future, then it is recorded', () => {
      const history = stored(handedAt);
      const [recalled] = run(history, { type: 'RecallFromStorage', requestedAt: handedAt.toISOString() }, clerk, hours(24 * 41));
      expect(recalled.type).toBe('ResultRecalledFromStorage');
      expect(
        violation(() => run(history, { type: 'RecallFromStorage', requestedAt: hours(24 * 42).toISOString() }, clerk, hours(24 * 41))),
      ).toMatchObject({ code: 'invalid-requested-at' });
    });
  });
});

describe('case decide: a representative where the text requires a notarised power of attorney (#15)', () => {
  const notarisedAtIssue = cite('8', 'либо его представителя по нотариально удостоверенной доверенности', '4');
  const base = fixtureVersion();
  const regulation = fixtureVersion({
    channels: base.channels.map((c) =>
      c.channel === 'state-corporation'
        ? {
            ...c,
            steps: c.steps.map((s) =>
              s.action === 'issued' ? { ...s, representative: { powerOfAttorney: 'notarised' as const, citation: notarisedAtIssue } } : s,
            ),
          }
        : c,
    ),
  });
  const representedAtSc = (notarised: boolean | undefined) =>
    receipt({
      channel: 'state-corporation',
      representative: {
        name: 'Петров Пётр',
        powerOfAttorney: { number: '2-1', date: '2018-09-01', ...(notarised === undefined ? {} : { notarised }) },
      },
    });
  /** Given a case received through the State Corporation, its result back at the State Corporation. */
  const ready = (command: CaseCommand): CaseEvent[] => {
    const history = run([], command, operator, T0, regulation);
    history.push(...run(history, { type: 'ForwardToProvider' }, operator, hours(1)));
    history.push(...run(history, { type: 'SendToStateCorporation' }, clerk, hours(2)));
    return history;
  };

  it('records the step requirement in the plan and whether the power of attorney is notarised', () => {
    const [received] = ready(representedAtSc(true));
    expect(received.type === 'ApplicationReceived' && received.data.plan.steps.find((s) => s.action === 'issued')?.representative).toEqual({
      powerOfAttorney: 'notarised',
      citation: notarisedAtIssue,
    });
    expect(received.type === 'ApplicationReceived' && received.data.representative?.powerOfAttorney.notarised).toBe(true);
  });

  it('given a power of attorney not notarised, when the result is issued to the representative, then it is refused citing the clause', () => {
    for (const notarised of [false, undefined]) {
      const refused = violation(() =>
        run(ready(representedAtSc(notarised)), { type: 'IssueResult', to: 'representative' }, operator, hours(3)),
      );
      expect(refused).toMatchObject({ kind: 'conflict', code: 'power-of-attorney-not-notarised', details: { citation: notarisedAtIssue } });
      expect(refused.message).toContain('нотариально удостоверенной доверенности');
    }
  });

  it('given a notarised power of attorney, the representative is served; the applicant in person always is', () => {
    expect(run(ready(representedAtSc(true)), { type: 'IssueResult', to: 'representative' }, operator, hours(3))[0].type).toBe(
      'ResultIssued',
    );
    expect(run(ready(representedAtSc(false)), { type: 'IssueResult', to: 'applicant' }, operator, hours(3))[0].type).toBe('ResultIssued');
  });

  it('given no representative, when the result is issued to a representative, then it is refused', () => {
    const history = ready(receipt({ channel: 'state-corporation' }));
    expect(violation(() => run(history, { type: 'IssueResult', to: 'representative' }, operator, hours(3)))).toMatchObject({
      code: 'no-representative',
    });
  });
});

describe('case decide: reassigning the executor', () => {
  const visaFor = (executorId: string) => {
    const history = run([], receiveAtOffice, clerk);
    history.push(...run(history, { type: 'ImposeVisa', executorId }, head, hours(1)));
    return history;
  };
  const reassign = (history: CaseEvent[], who: Caller, executorId = 'u-exec', reason = 'the visa named a mistyped user') =>
    run(history, { type: 'ReassignExecutor', executorId, reason }, who, hours(2));

  it('lets the head name another executor: the new one drafts, the old one no longer can, and the deadline stays', () => {
    const history = visaFor('u-exce');
    const before = foldCase(history);
    expect(violation(() => run(history, { type: 'PrepareDraft' }, executor, hours(2))).code).toBe('not-the-named-executor');
    const [event] = reassign(history, head);
    expect(event).toEqual({
      type: 'ExecutorReassigned',
      data: {
        caseId: 'c-1',
        actor: { id: 'u-head', role: 'head', organisation: ORG },
        occurredAt: hours(2).toISOString(),
        previousExecutorId: 'u-exce',
        executorId: 'u-exec',
        reason: 'the visa named a mistyped user',
        stepId: before.current?.stepId,
      },
    });
    history.push(event);
    const after = foldCase(history);
    expect(after.executorId).toBe('u-exec');
    expect(after.current).toEqual(before.current);
    expect(after.currentSince).toBe(before.currentSince);
    expect(after.cursor).toBe(before.cursor);
    expect(run(history, { type: 'PrepareDraft' }, executor, hours(3))[0].type).toBe('DraftPrepared');
    const mistyped = staff('u-exce', 'executor');
    expect(violation(() => run(history, { type: 'PrepareDraft' }, mistyped, hours(3))).code).toBe('not-the-named-executor');
  });

  it('is the head’s, of the case’s provider only', () => {
    const history = visaFor('u-exce');
    expect(violation(() => reassign(history, clerk)).code).toBe('wrong-role');
    expect(violation(() => reassign(history, executor)).code).toBe('wrong-role');
    expect(violation(() => reassign(history, staff('u-h9', 'head', 'school-99'))).code).toBe('case-not-found');
    expect(violation(() => reassign(history, { ...head, region: 'astana' })).code).toBe('case-not-found');
    expect(violation(() => reassign(history, operator)).code).toBe('case-not-found');
  });

  it('needs a visa to change, a reason and a different executor, on an open case', () => {
    expect(violation(() => reassign(run([], receiveAtOffice, clerk), head)).code).toBe('no-executor-named');
    const history = visaFor('u-exce');
    expect(violation(() => reassign(history, head, 'u-exec', '   ')).code).toBe('reason-required');
    expect(violation(() => reassign(history, head, 'u-exce')).code).toBe('executor-unchanged');
    history.push(...run(history, { type: 'RefuseService', grounds: 'incomplete' }, head, hours(1)));
    expect(violation(() => reassign(history, head)).code).toBe('case-closed');
  });
});
