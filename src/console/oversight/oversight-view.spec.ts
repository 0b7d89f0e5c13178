import type { BreachRowDto, SummaryRowDto } from '../../projections/oversight/oversight.dto';
import { breachTallies, clip, countGroups, niceCeiling, stepMarks } from './oversight-view';

const summary = (organisation: string, service: string, month: string, n: Partial<SummaryRowDto>): SummaryRowDto => ({
  region: 'kostanay-oblast',
  organisation,
  service,
  month,
  received: 0,
  refusedAtAcceptance: 0,
  completed: 0,
  refusedService: 0,
  measuredSteps: 0,
  onTimeSteps: 0,
  lateSteps: 0,
  notRegulatedSteps: 0,
  onTimeShare: null,
  ...n,
});

const breach = (responsibleRole: string, actor: string | null, overrunMinutes: number | null): BreachRowDto => ({
  caseId: 'c',
  region: 'kostanay-oblast',
  organisation: 'school-7',
  service: 's',
  channel: 'portal',
  step: 'p-1',
  action: 'signed',
  responsibleRole,
  actor: actor === null ? null : { id: actor, role: 'head' },
  month: '2019-03',
  regulatedDuration: null,
  startedAt: '',
  dueAt: null,
  endedAt: '',
  elapsedOfficeMinutes: null,
  overrunMinutes,
  overrunBasis: null,
  endedBy: null,
});

describe('oversight view', () => {
  it('sums months per provider and service, refusals at acceptance and of the service together, most received first', () => {
    const groups = countGroups([
      summary('school-7', 'a', '2019-03', { received: 2, completed: 1, refusedAtAcceptance: 1 }),
      summary('school-9', 'a', '2019-03', { received: 5 }),
      summary('school-7', 'a', '2019-04', { received: 1, completed: 2, refusedService: 1 }),
    ]);
    expect(groups).toEqual([
      { organisation: 'school-9', service: 'a', received: 5, completed: 0, refused: 0 },
      { organisation: 'school-7', service: 'a', received: 3, completed: 3, refused: 2 },
    ]);
  });

  it('counts breaches by responsible role and by person, overruns summed, people without an actor only by role', () => {
    const { byRole, byPerson } = breachTallies([
      breach('head', 'h-1', 30),
      breach('head', 'h-1', 10),
      breach('executor', 'e-1', 90),
      breach('head', null, null),
    ]);
    expect(byRole).toEqual([
      { key: 'head', role: 'head', count: 3, overrunMinutes: 40 },
      { key: 'executor', role: 'executor', count: 1, overrunMinutes: 90 },
    ]);
    expect(byPerson).toEqual([
      { key: 'h-1', role: 'head', count: 2, overrunMinutes: 40 },
      { key: 'e-1', role: 'head', count: 1, overrunMinutes: 90 },
    ]);
  });

  it('rounds axis ceilings up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 3, 10, 11, 240, 5_001].map(niceCeiling)).toEqual([1, 1, 5, 10, 20, 500, 10_000]);
  });

  it('places median, p90 and the regulated office minutes on a scale above all three; no regulated line for day-counted terms', () => {
    expect(stepMarks({ medianElapsedOfficeMinutes: 4, p90ElapsedOfficeMinutes: 9, allowedOfficeMinutes: 5 })).toEqual({
      scaleMinutes: 10,
      median: 0.4,
      p90: 0.9,
      regulated: 0.5,
    });
    expect(stepMarks({ medianElapsedOfficeMinutes: 100, p90ElapsedOfficeMinutes: 400, allowedOfficeMinutes: null })).toMatchObject({
      scaleMinutes: 500,
      regulated: null,
    });
    expect(stepMarks({ medianElapsedOfficeMinutes: null, p90ElapsedOfficeMinutes: null, allowedOfficeMinutes: null })).toEqual({
      scaleMinutes: 1,
      median: null,
      p90: null,
      regulated: null,
    });
  });
});

describe('clip', () => {
  it('keeps short labels and cuts long ones with an ellipsis', () => {
    expect(clip('school-7', 10)).toBe('school-7');
    expect(clip('school-7 · a long service name', 10)).toBe('school-7…');
  });
});
