import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import { CALENDAR_DURATION_UNITS, type CalendarDurationUnit } from '../add-duration';
import { OFFICE_HOURS_PRESETS, type OfficeHoursPreset } from '../office-hours';
import { REGIONS, type Region } from '../regions';

const OFFICE_HOURS_PRESET_NAMES = Object.keys(OFFICE_HOURS_PRESETS) as OfficeHoursPreset[];

/**
 * Query strings carry text: a number is decimal digits, without sign, spaces or
 * leading zeros ("2016", not "0x7E0", "1e3", "2016.0" or "02016"), so that each
 * number has one spelling. Anything else stays text and fails @IsInt.
 */
const DECIMAL = /^(0|[1-9][0-9]*)$/;
const toDecimalInteger = ({ value }: { value: unknown }) => (typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value);
const DECIMAL_MESSAGE = { message: '$property must be written in decimal digits without leading zeros, e.g. 2016' };

/** Query strings carry text: accept exactly "true" / "false". */
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class CalendarYearParamsDto {
  @ApiProperty({ example: 2016, description: 'Calendar year (data covers 2014–2027), decimal digits without leading zeros' })
  @Transform(toDecimalInteger)
  @IsInt(DECIMAL_MESSAGE)
  @Min(1900)
  @Max(2100)
  year: number;
}

export class CalendarYearQueryDto {
  @ApiProperty({
    enum: REGIONS,
    example: 'kostanay-oblast',
    description: 'Region: gives the time zone and office hours shown with the days',
  })
  @IsIn(REGIONS)
  region: Region;
}

export class DeadlineQueryDto {
  @ApiProperty({ enum: REGIONS, example: 'kostanay-oblast' })
  @IsIn(REGIONS)
  region: Region;

  @ApiProperty({ example: '2024-02-29T11:00:00Z', description: 'Instant the application was received: ISO 8601 with Z or an offset' })
  @IsISO8601({ strict: true })
  @Matches(/T.*(Z|[+-]\d{2}:?\d{2})$/, { message: 'start must be a date-time with Z or an explicit UTC offset' })
  start: string;

  @ApiProperty({ example: 3, minimum: 1, maximum: 100000, description: 'Decimal digits without leading zeros' })
  @Transform(toDecimalInteger)
  @IsInt(DECIMAL_MESSAGE)
  @Min(1)
  @Max(100000)
  value: number;

  @ApiProperty({ enum: CALENDAR_DURATION_UNITS, example: 'hours' })
  @IsIn(CALENDAR_DURATION_UNITS)
  unit: CalendarDurationUnit;

  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: 'The day of acceptance is not counted ("день приёма не входит в срок")',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  acceptanceDayNotCounted?: boolean;

  @ApiPropertyOptional({ enum: OFFICE_HOURS_PRESET_NAMES, default: 'education-standard', description: "Provider's office hours" })
  @IsOptional()
  @IsIn(OFFICE_HOURS_PRESET_NAMES)
  officeHours?: OfficeHoursPreset;
}
