import type { BreachRowDto, StepStatsRowDto, SummaryRowDto } from './oversight.dto';

type Columns<T> = Array<{ header: string; value: (row: T) => unknown }>;

const plain = <T>(...keys: Array<keyof T & string>): Columns<T> => keys.map((k) => ({ header: k, value: (r: T) => r[k] }));

export const SUMMARY_COLUMNS: Columns<SummaryRowDto> = plain<SummaryRowDto>(
  'region',
  'organisation',
  'service',
  'month',
  'received',
  'refusedAtAcceptance',
  'completed',
  'refusedService',
  'measuredSteps',
  'onTimeSteps',
  'lateSteps',
  'notRegulatedSteps',
  'onTimeShare',
);

const durationColumns = <T extends { regulatedDuration: { value: number; unit: string } | null }>(): Columns<T> => [
  { header: 'regulatedDurationValue', value: (r) => r.regulatedDuration?.value ?? null },
  { header: 'regulatedDurationUnit', value: (r) => r.regulatedDuration?.unit ?? 'not regulated' },
];

export const STEP_COLUMNS: Columns<StepStatsRowDto> = [
  ...plain<StepStatsRowDto>('region', 'organisation', 'service', 'channel', 'step', 'action', 'role', 'month'),
  ...durationColumns<StepStatsRowDto>(),
  ...plain<StepStatsRowDto>(
    'allowedOfficeMinutes',
    'ended',
    'measured',
    'onTime',
    'late',
    'notRegulated',
    'onTimeShare',
    'medianElapsedOfficeMinutes',
    'p90ElapsedOfficeMinutes',
    'maxOverrunMinutes',
  ),
];

export const BREACH_COLUMNS: Columns<BreachRowDto> = [
  ...plain<BreachRowDto>('caseId', 'region', 'organisation', 'service', 'channel', 'step', 'action', 'responsibleRole'),
  { header: 'actorId', value: (r) => r.actor?.id ?? null },
  { header: 'actorRole', value: (r) => r.actor?.role ?? null },
  ...plain<BreachRowDto>('month'),
  ...durationColumns<BreachRowDto>(),
  ...plain<BreachRowDto>('startedAt', 'dueAt', 'endedAt', 'elapsedOfficeMinutes', 'overrunMinutes', 'overrunBasis', 'endedBy'),
];
