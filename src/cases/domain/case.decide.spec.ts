import { CaseCommand } from './case.commands';
import { Caller } from './case.decide';
import { CaseEvent } from './case.events';
import { foldCase } from './case.state';
import {
  ORG,
  SC,
  staff,
  clerk,
  head,
  executor,
  operator,
  T0,
  hours,
  run,
  violation,
  receipt,
  receiveAtOffice,
} from './testing/decide-fixtures';

// The regulation's path as a whole, per channel; each command's own rules are specified in its slice (cases/commands/<command>/).
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

  it('records a late step as late, never blocks it', () => {
    const history = run([], receiveAtOffice, clerk);
    const [visa] = run(history, { type: 'ImposeVisa', executorId: 'u-exec' }, head, hours(5));
    expect(visa.type).toBe('VisaImposed');
    if (visa.type !== 'VisaImposed') return;
    expect(visa.data.step).toMatchObject({ stepId: 'office-2', dueAt: hours(3).toISOString(), late: true });
  });

  it('allows nothing but storage, recall and appeals after the result is issued or refused', () => {
    const history = run([], receiveAtOffice, clerk);
    history.push(...run(history, { type: 'RefuseService', grounds: 'unreliable documents' }, head));
    expect(foldCase(history).status).toBe('service-refused');
    expect(violation(() => run(history, { type: 'ImposeVisa', executorId: 'u-exec' }, head)).code).toBe('case-closed');
    const [appeal] = run(history, { type: 'FileAppeal', appealId: 'a-1', grounds: 'disagree' }, clerk);
    expect(appeal.type).toBe('AppealFiled');
  });
});

describe('case decide: the State Corporation channel', () => {
  const receiveAtSc = receipt({ channel: 'state-corporation' });

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

  it('does not take an application through a channel the regulation closes', () => {
    const portal = { ...receiveAtOffice, channel: 'portal' } as CaseCommand;
    expect(() => run([], portal, clerk)).toThrow(/no usable steps/);
  });
});
