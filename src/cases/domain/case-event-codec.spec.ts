import { driveCase, ScriptStep } from '../../audit/testing/case-history';
import { Caller } from './case.decide';
import { CaseEvent } from './case.events';
import { knownPlan } from '../plan-codec';
import {
  CASE_EVENT_SCHEMA,
  decodeCaseEvent as decodeWith,
  decodeOrThrow,
  DecodeFailure,
  EventSchema,
  isDecodeFailure,
  StoredCaseEvent,
  UndecodableCaseEvent,
} from './case-event-codec';
import { isRecord } from './event-checks';

const person = (id: string, role: string, organisation: string): Caller => ({
  id,
  roles: [role],
  organisation,
  region: 'kostanay-oblast',
});
const operator = person('u-sc', 'state-corporation-operator', 'sc-kostanay-1');
const clerk = person('u-clerk', 'clerk', 'school-1');
const head = person('u-head', 'head', 'school-1');
const caseId = '7d0c5d5e-1f7a-4b53-9c55-2a6f1d0b9e01';
const appealId = '6a1f0c3e-9b2d-4e8f-8a7c-1d2e3f4a5b6c';

/** A case through the State Corporation, with a visa, an issue and an appeal: most event types, as the domain writes them. */
const script: ScriptStep[] = [
  {
    at: '2019-03-04T04:00:00Z',
    caller: operator,
    command: {
      type: 'ReceiveApplication',
      caseId,
      channel: 'state-corporation',
      service: 'secondary-education-duplicates',
      providerOrganisation: 'school-1',
      applicant: { iin: '050615601238', name: 'Test' },
      representative: {
        name: 'Петров Пётр',
        powerOfAttorney: { number: '2-1', date: '2019-03-01', notarised: true },
      },
      documents: ['application'],
      consentToProtectedData: true,
    },
  },
  {
    at: '2019-03-04T04:05:00Z',
    caller: operator,
    command: { type: 'RegisterAtProvider', registrationNumber: 'R-1' },
  },
  {
    at: '2019-03-04T05:00:00Z',
    caller: operator,
    command: { type: 'ForwardToProvider' },
  },
  {
    at: '2019-03-04T06:00:00Z',
    caller: head,
    command: { type: 'ImposeVisa', executorId: 'u-exec' },
  },
  {
    at: '2019-03-04T06:30:00Z',
    caller: head,
    command: {
      type: 'ReassignExecutor',
      executorId: 'u-exec-2',
      reason: 'on leave',
    },
  },
  {
    at: '2019-03-05T06:00:00Z',
    caller: clerk,
    command: { type: 'SendToStateCorporation' },
  },
  {
    at: '2019-03-06T06:00:00Z',
    caller: operator,
    command: { type: 'IssueResult', to: 'representative' },
  },
  {
    at: '2019-03-07T06:00:00Z',
    caller: clerk,
    command: { type: 'FileAppeal', appealId, grounds: 'late' },
  },
  {
    at: '2019-03-07T07:00:00Z',
    caller: clerk,
    command: { type: 'ForwardAppeal', appealId, to: 'akimat' },
  },
  {
    at: '2019-03-08T07:00:00Z',
    caller: head,
    command: {
      type: 'DecideAppeal',
      appealId,
      decision: 'upheld',
      reasoning: 'it was late',
    },
  },
];

/** With the plans this process knows (driveCase stores them, as the command path does). */
const decodeCaseEvent = (event: StoredCaseEvent, schema: EventSchema = CASE_EVENT_SCHEMA) => decodeWith(event, schema, knownPlan);

const written = driveCase(caseId, script);
const receipt = written[0];

function dataOf(event: { data: unknown }): Record<string, unknown> {
  if (!isRecord(event.data)) throw new Error('the domain writes object data');
  return event.data;
}

function failureOf(decoded: CaseEvent | DecodeFailure): DecodeFailure {
  if (!isDecodeFailure(decoded)) throw new Error(`expected a decode failure, got ${decoded.type}`);
  return decoded;
}

describe('case event codec', () => {
  it('decodes every event the domain writes to the same event, optional fields included', () => {
    expect(written.map((e) => e.type)).toEqual([
      'ApplicationReceived',
      'RegisteredAtStateCorporation',
      'ForwardedToProvider',
      'VisaImposed',
      'ExecutorReassigned',
      'ResultSentToStateCorporation',
      'ResultIssued',
      'AppealFiled',
      'AppealForwarded',
      'AppealDecided',
    ]);
    const { planDigest } = dataOf(receipt);
    const plan = typeof planDigest === 'string' ? knownPlan(planDigest) : undefined;
    expect(plan).toMatchObject({ regulationVersionId: expect.any(String) });
    for (const event of written)
      expect(decodeCaseEvent(event)).toEqual({
        type: event.type,
        data: event === receipt ? { ...dataOf(event), plan } : event.data,
      });
  });

  it('a receipt at version 2 names its plan by digest, and does not decode while that plan is not loaded', () => {
    expect(dataOf(receipt)).not.toHaveProperty('plan');
    expect(failureOf(decodeWith(receipt)).problems).toEqual([expect.stringMatching(/^the plan [0-9a-f]{64} it names is not loaded/)]);
  });

  it('refuses a type it does not know, naming it', () => {
    expect(failureOf(decodeCaseEvent({ ...receipt, type: 'ApplicationRecieved' })).problems).toEqual([
      'ApplicationRecieved is not a case event type',
    ]);
  });

  it('names the missing or mistyped field', () => {
    const visa = written[3];
    const { executorId, ...withoutExecutor } = dataOf(visa);
    expect(executorId).toBe('u-exec');
    expect(failureOf(decodeCaseEvent({ ...visa, data: withoutExecutor })).problems).toEqual(['data.executorId is not a string']);
    const issued = written[6];
    expect(
      failureOf(
        decodeCaseEvent({
          ...issued,
          data: { ...dataOf(issued), to: 'neighbour' },
        }),
      ).problems,
    ).toEqual(['data.to is not one of applicant, representative']);
    const planDigest = dataOf(receipt).planDigest;
    const plan = {
      ...dataOf({ data: typeof planDigest === 'string' ? knownPlan(planDigest) : undefined }),
      steps: [{ id: 's-1' }],
    };
    expect(failureOf(decodeCaseEvent({ ...receipt, data: { ...dataOf(receipt), plan } })).problems).toEqual([
      expect.stringMatching(/^data\.plan\.steps\[0\]\.action is not one of received, /),
      'data.plan is not a case plan',
    ]);
    expect(failureOf(decodeCaseEvent({ ...receipt, data: null })).problems).toEqual(['data is not an object']);
  });

  it('refuses a schema version newer than it reads, or no version at all', () => {
    expect(failureOf(decodeCaseEvent({ ...receipt, schemaVersion: 3 })).problems[0]).toMatch(/newer than this code reads \(2\)/);
    expect(failureOf(decodeCaseEvent({ ...receipt, schemaVersion: 0 })).problems[0]).toMatch(/not a version/);
  });

  it('upcasts an older version step by step before checking it', () => {
    // A made-up version 2 where AppealForwarded's `to` was called `forwardedTo` at version 1.
    const schema = {
      version: 2,
      upcasters: {
        AppealForwarded: {
          1: ({ forwardedTo, ...rest }: Record<string, unknown>) => ({
            ...rest,
            to: forwardedTo,
          }),
        },
      },
    };
    const forwarded = written[8];
    const { to, ...rest } = dataOf(forwarded);
    const old = {
      ...forwarded,
      schemaVersion: 1,
      data: { ...rest, forwardedTo: to },
    };
    expect(decodeCaseEvent(old, schema)).toEqual({
      type: 'AppealForwarded',
      data: forwarded.data,
    });
    // Without the upcaster the old shape does not pass.
    expect(failureOf(decodeCaseEvent(old, { version: 2, upcasters: {} })).problems).toEqual(['data.to is not a string']);
    // Types whose shape did not change read at any older version unchanged.
    expect(decodeCaseEvent({ ...written[9], schemaVersion: 1 }, schema)).toEqual({ type: 'AppealDecided', data: written[9].data });
  });

  it('decodeOrThrow throws UndecodableCaseEvent naming the event and the problem', () => {
    expect(() => decodeOrThrow({ ...receipt, data: { ...dataOf(receipt), caseId: 7 } }, knownPlan)).toThrow(UndecodableCaseEvent);
    expect(() => decodeOrThrow({ ...receipt, data: { ...dataOf(receipt), caseId: 7 } }, knownPlan)).toThrow(
      'ApplicationReceived (schema version 2) does not decode: data.caseId is not a string',
    );
  });
});
