import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CALENDAR_DURATION_UNITS, type CalendarDurationUnit } from '../add-duration';
import type { DayReason, DayStatus, KurbanAitStatus, SourceRef, TransferAct } from '../calendar.types';

const DAY_STATUSES: DayStatus[] = [
  'working',
  'weekend',
  'holiday',
  'moved-holiday-day-off',
  'transferred-day-off',
  'transferred-working-day',
  'override-day-off',
  'override-working-day',
];

export class OfficeBreakDto {
  @ApiProperty({ example: '13:00' }) start: string;
  @ApiProperty({ example: '14:30' }) end: string;
}

export class OfficeHoursDto {
  @ApiProperty({ example: '09:00' }) open: string;
  @ApiProperty({ example: '18:30' }) close: string;
  @ApiProperty({ type: [OfficeBreakDto] }) breaks: OfficeBreakDto[];
}

export class LocalizedNameDto {
  @ApiProperty({ example: 'День защитника Отечества' }) ru: string;
  @ApiProperty({ example: 'Отан қорғаушы күні' }) kk: string;
}

export class CalendarDayDto {
  @ApiProperty({ example: '2016-05-10' }) date: string;
  @ApiProperty({ example: 'Tue' }) weekday: string;
  @ApiProperty() working: boolean;
  @ApiProperty({ enum: DAY_STATUSES, example: 'moved-holiday-day-off' }) status: DayStatus;
  @ApiProperty({ example: 'day off: day off for День защитника Отечества of Sat 2016-05-07 (Law "On holidays", art. 5)' }) summary: string;
  @ApiProperty({
    description: 'Structured reasons: weekend, holiday, moved-holiday-day-off, transferred-day-off, transferred-working-day, override',
    type: 'array',
    items: { type: 'object' },
  })
  reasons: DayReason[];
}

export class KurbanAitDto {
  @ApiProperty({ example: '2024-06-16' }) date: string;
  @ApiProperty({ enum: ['confirmed', 'announced', 'estimated'] }) status: KurbanAitStatus;
  @ApiProperty({ type: LocalizedNameDto }) name: LocalizedNameDto;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, description: 'Earlier announced dates that were changed' })
  history?: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) sources: SourceRef[];
}

export class TransferDto {
  @ApiProperty({ example: '2024-05-04', description: 'Becomes a working day' }) from: string;
  @ApiProperty({ example: '2024-05-08', description: 'Becomes a day off' }) to: string;
  @ApiProperty() reason: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) act: TransferAct;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) sources: SourceRef[];
}

export class CalendarYearResponseDto {
  @ApiProperty({ example: 2016 }) year: number;
  @ApiProperty({ example: 'kostanay-oblast' }) region: string;
  @ApiProperty({ example: 'Asia/Qostanay' }) zone: string;
  @ApiProperty({ type: OfficeHoursDto }) officeHours: OfficeHoursDto;
  @ApiProperty({ example: 250 }) workingDays: number;
  @ApiProperty({ example: 116 }) daysOff: number;
  @ApiProperty({
    type: [CalendarDayDto],
    description: 'Every holiday, moved day off, transferred day off and worked weekend day; plain weekends are implied',
  })
  days: CalendarDayDto[];
  @ApiProperty({ type: KurbanAitDto }) kurbanAit: KurbanAitDto;
  @ApiProperty({ type: [TransferDto] }) transfers: TransferDto[];
  @ApiProperty({ type: [String] }) notes: string[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Sources the year was cross-checked against' })
  crossChecked: SourceRef[];
  @ApiProperty({
    type: [String],
    example: ['shipped:2016.json', 'override-file:2016.json'],
    description: 'Data layers applied, in order: shipped:<file>, override-file:<file>, patch:#<i>',
  })
  layers: string[];
}

export class InstantDto {
  @ApiProperty({ example: '2024-03-01T05:30:00.000Z' }) utc: string;
  @ApiProperty({ example: '2024-03-01T10:30:00.000+05:00' }) local: string;
}

export class DeadlineResponseDto {
  @ApiProperty({ example: 'kostanay-oblast' }) region: string;
  @ApiProperty({ example: 'Asia/Qostanay' }) zone: string;
  @ApiProperty({ type: InstantDto }) start: InstantDto;
  @ApiProperty({
    type: 'object',
    properties: { value: { type: 'integer' }, unit: { type: 'string', enum: [...CALENDAR_DURATION_UNITS] } },
    example: { value: 3, unit: 'hours' },
  })
  duration: { value: number; unit: CalendarDurationUnit };
  @ApiProperty() acceptanceDayNotCounted: boolean;
  @ApiProperty({ type: InstantDto }) due: InstantDto;
  @ApiProperty({
    example: '3 hours of office time (180 min), Asia/Qostanay, …; due Fri 2024-03-01 10:30 +05:00 (2024-03-01T05:30:00.000Z)',
  })
  explanation: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The rule applied, as data (acceptance day, counted days, office hours)',
  })
  rule: Record<string, unknown>;
}
