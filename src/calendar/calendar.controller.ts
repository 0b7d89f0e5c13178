import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DateTime } from 'luxon';
import { ANY_REQUEST, QUERY } from '../common/api-problem-sets';
import { ApiProblems } from '../common/api-problems.decorator';
import { ProblemError } from '../common/problem';
import { CalendarDataError, CalendarInputError, CalendarYearNotCoveredError } from './calendar.errors';
import { CalendarYearParamsDto, CalendarYearQueryDto, DeadlineQueryDto } from './dto/calendar-queries.dto';
import { CalendarYearResponseDto, DeadlineResponseDto } from './dto/calendar-responses.dto';
import { EDUCATION_STANDARD_HOURS, OFFICE_HOURS_PRESETS } from './office-hours';
import { zoneOf } from './regions';
import { WorkingCalendar } from './working-calendar.service';

/** Calendar errors as problem+json; `notCoveredStatus` is 404 for a year lookup, 422 for arithmetic that runs past the data. */
function toProblem(error: unknown, notCoveredStatus: 404 | 422): unknown {
  if (error instanceof CalendarYearNotCoveredError) {
    return new ProblemError(notCoveredStatus, error.code, error.message, { year: error.year, coveredYears: error.coveredYears });
  }
  if (error instanceof CalendarInputError) return new ProblemError(400, error.code, error.message);
  if (error instanceof CalendarDataError)
    return new ProblemError(500, error.code, 'The working-time calendar data is inconsistent; it has been logged');
  return error;
}

@ApiTags('calendar')
@ApiProblems(...ANY_REQUEST, ...QUERY, 'calendar-data-invalid')
@Controller('calendar')
export class CalendarController {
  constructor(@Inject(WorkingCalendar) private readonly calendar: WorkingCalendar) {}

  // Declared before ':year' so that "deadline" is not taken for a year.
  @Get('deadline')
  @ApiOperation({
    summary: 'Due instant of a regulated duration counted from a receipt instant',
    description:
      'minutes/hours run in office time; working days end at office close of the Nth working day; calendar days end at 23:59:59.999 local of the Nth day and never move. ' +
      'The acceptance day is the receipt day when received on a working day before closing, else the next working day; it counts as day 1 unless acceptanceDayNotCounted=true (an assumption: no regulation text we hold says how periods are counted; the explanation says so).',
  })
  @ApiQuery({ name: 'region', examples: { kostanay: { value: 'kostanay-oblast' }, uralsk: { value: 'west-kazakhstan-oblast' } } })
  @ApiQuery({
    name: 'start',
    examples: {
      beforeZoneChange: { summary: 'Thu 29 Feb 2024 17:00 in Kostanay (UTC+6)', value: '2024-02-29T11:00:00Z' },
      withOffset: { summary: 'Wed 4 May 2016 11:00 in Astana', value: '2016-05-04T11:00:00+06:00' },
    },
  })
  @ApiQuery({ name: 'value', examples: { three: { value: 3 }, five: { value: 5 } } })
  @ApiQuery({ name: 'unit', examples: { hours: { value: 'hours' }, workingDays: { value: 'working-days' } } })
  @ApiOkResponse({ type: DeadlineResponseDto })
  @ApiProblems('calendar-invalid-input', { code: 'calendar-year-not-covered', status: 422 })
  deadline(@Query() query: DeadlineQueryDto): DeadlineResponseDto {
    const start = new Date(query.start);
    const zone = zoneOf(query.region);
    const instant = (d: Date) => ({ utc: d.toISOString(), local: DateTime.fromJSDate(d, { zone }).toISO() as string });
    try {
      const result = this.calendar.addDuration(
        start,
        { value: query.value, unit: query.unit },
        {
          region: query.region,
          officeHours: OFFICE_HOURS_PRESETS[query.officeHours ?? 'education-standard'],
          acceptanceDayNotCounted: query.acceptanceDayNotCounted ?? false,
        },
      );
      return {
        region: query.region,
        zone,
        start: instant(start),
        duration: { value: query.value, unit: query.unit },
        acceptanceDayNotCounted: query.acceptanceDayNotCounted ?? false,
        due: instant(result.due),
        explanation: result.explanation,
        rule: { ...result.rule },
      };
    } catch (error) {
      throw toProblem(error, 422);
    }
  }

  @Get(':year')
  @ApiOperation({ summary: 'Every day off and every worked weekend day of a year, with its reason, the zone and office hours' })
  @ApiQuery({ name: 'region', examples: { astana: { value: 'astana' }, kostanay: { value: 'kostanay-oblast' } } })
  @ApiOkResponse({ type: CalendarYearResponseDto })
  @ApiProblems('calendar-invalid-input', 'calendar-year-not-covered')
  year(@Param() params: CalendarYearParamsDto, @Query() query: CalendarYearQueryDto): CalendarYearResponseDto {
    try {
      const view = this.calendar.yearView(params.year);
      const { data } = view;
      return {
        year: view.year,
        region: query.region,
        zone: zoneOf(query.region),
        officeHours: EDUCATION_STANDARD_HOURS,
        workingDays: view.workingDays,
        daysOff: view.daysOff,
        days: view.days,
        kurbanAit: data.kurbanAit,
        transfers: data.transfers,
        notes: data.notes,
        crossChecked: data.crossChecked,
        layers: data.layers,
      };
    } catch (error) {
      throw toProblem(error, 404);
    }
  }
}
