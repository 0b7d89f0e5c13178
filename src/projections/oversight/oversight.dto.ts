import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { REGIONS, type Region } from '../../regulations/regulation.model';

const MONTH = /^(19|20)\d{2}-(0[1-9]|1[0-2])$/;
export const MAX_PAGE_SIZE = 500;

/** Filters shared by every oversight table; `format=csv` exports the whole filtered table. */
export class OversightQuery {
  @ApiPropertyOptional({
    enum: REGIONS,
    example: 'kostanay-oblast',
    description: 'Oversight users see only their own region (the default); admins any',
  })
  @IsOptional()
  @IsIn(REGIONS)
  region?: Region;

  @ApiPropertyOptional({ example: 'school-7', description: 'Provider organisation' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:@-]{0,199}$/, { message: 'organisation must be an identifier' })
  organisation?: string;

  @ApiPropertyOptional({ example: 'secondary-education-duplicates' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{0,99}$/, { message: '$property must be a code: lower-case letters, digits and hyphens, at most 100' })
  service?: string;

  @ApiPropertyOptional({
    example: 'sc-5',
    description: 'Step id of the regulation ("recall", "appeal" for those terms); not applied to case counts',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]*$/)
  @MaxLength(100)
  step?: string;

  @ApiPropertyOptional({ example: '2019-01', description: 'First month (YYYY-MM, provider local time), inclusive' })
  @IsOptional()
  @Matches(MONTH, { message: 'from must be YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ example: '2019-12', description: 'Last month (YYYY-MM, provider local time), inclusive' })
  @IsOptional()
  @Matches(MONTH, { message: 'to must be YYYY-MM' })
  to?: string;

  @ApiPropertyOptional({ example: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;

  @ApiPropertyOptional({ example: 100, default: 100, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;

  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    default: 'json',
    description: 'csv: text/csv with a header row, every matching row (no paging)',
  })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class RegulatedDurationDto {
  @ApiProperty({ example: 13 }) value!: number;
  @ApiProperty({ example: 'working-days' }) unit!: string;
}

export class SummaryRowDto {
  @ApiProperty({ example: 'kostanay-oblast' }) region!: string;
  @ApiProperty({ example: 'school-7' }) organisation!: string;
  @ApiProperty({ example: 'secondary-education-duplicates' }) service!: string;
  @ApiProperty({ example: '2019-03' }) month!: string;
  @ApiProperty({ example: 120, description: 'Applications accepted (month of receipt)' }) received!: number;
  @ApiProperty({ example: 3, description: 'Refused at acceptance (month of refusal)' }) refusedAtAcceptance!: number;
  @ApiProperty({ example: 110, description: 'Completed (month of completion)' }) completed!: number;
  @ApiProperty({ example: 2, description: 'Motivated refusals of the service (month of refusal)' }) refusedService!: number;
  @ApiProperty({ example: 500, description: 'Ended steps with a due instant (on time + late)' }) measuredSteps!: number;
  @ApiProperty({ example: 480 }) onTimeSteps!: number;
  @ApiProperty({ example: 20 }) lateSteps!: number;
  @ApiProperty({ example: 30, description: 'Ended steps whose duration the regulation does not state (never on time)' })
  notRegulatedSteps!: number;
  @ApiProperty({ example: 0.96, nullable: true, type: Number, description: 'onTimeSteps / measuredSteps' }) onTimeShare!: number | null;
}

export class StepStatsRowDto {
  @ApiProperty({ example: 'kostanay-oblast' }) region!: string;
  @ApiProperty({ example: 'school-7' }) organisation!: string;
  @ApiProperty({ example: 'secondary-education-duplicates' }) service!: string;
  @ApiProperty({ example: 'state-corporation' }) channel!: string;
  @ApiProperty({ example: 'sc-5' }) step!: string;
  @ApiProperty({ example: 'result-prepared' }) action!: string;
  @ApiProperty({ example: 'provider', description: 'The role the regulation assigns to the step' }) role!: string;
  @ApiProperty({ example: '2019-03' }) month!: string;
  @ApiProperty({ type: RegulatedDurationDto, nullable: true, description: 'null: the regulation states no duration' })
  regulatedDuration!: RegulatedDurationDto | null;
  @ApiProperty({ example: null, nullable: true, type: Number, description: 'The duration in office minutes (minutes and hours only)' })
  allowedOfficeMinutes!: number | null;
  @ApiProperty({ example: 130 }) ended!: number;
  @ApiProperty({ example: 128 }) measured!: number;
  @ApiProperty({ example: 120 }) onTime!: number;
  @ApiProperty({ example: 8 }) late!: number;
  @ApiProperty({ example: 0 }) notRegulated!: number;
  @ApiProperty({ example: 0.94, nullable: true, type: Number }) onTimeShare!: number | null;
  @ApiProperty({ example: 2900, nullable: true, type: Number, description: 'Median elapsed office minutes' }) medianElapsedOfficeMinutes!:
    number | null;
  @ApiProperty({ example: 4700, nullable: true, type: Number, description: '90th percentile of elapsed office minutes' })
  p90ElapsedOfficeMinutes!: number | null;
  @ApiProperty({
    example: 1440,
    nullable: true,
    type: Number,
    description: 'Largest overrun among late steps (minutes; see breaches for the basis)',
  })
  maxOverrunMinutes!: number | null;
}

export class BreachActorDto {
  @ApiProperty({ example: 'school-7:executor-1' }) id!: string;
  @ApiProperty({ example: 'executor' }) role!: string;
}

export class BreachRowDto {
  @ApiProperty({ example: 'c-8f3a' }) caseId!: string;
  @ApiProperty({ example: 'kostanay-oblast' }) region!: string;
  @ApiProperty({ example: 'school-7' }) organisation!: string;
  @ApiProperty({ example: 'secondary-education-duplicates' }) service!: string;
  @ApiProperty({ example: 'state-corporation' }) channel!: string;
  @ApiProperty({ example: 'sc-5' }) step!: string;
  @ApiProperty({ example: 'result-prepared' }) action!: string;
  @ApiProperty({ example: 'provider', description: 'The role the regulation makes responsible' }) responsibleRole!: string;
  @ApiProperty({ type: BreachActorDto, nullable: true, description: 'Who ended the step late' }) actor!: BreachActorDto | null;
  @ApiProperty({ example: '2019-03' }) month!: string;
  @ApiProperty({ type: RegulatedDurationDto, nullable: true }) regulatedDuration!: RegulatedDurationDto | null;
  @ApiProperty({ example: '2019-03-05T05:00:00.000Z' }) startedAt!: string;
  @ApiProperty({ example: '2019-03-22T13:30:00.000Z', nullable: true, type: String }) dueAt!: string | null;
  @ApiProperty({ example: '2019-03-25T05:00:00.000Z' }) endedAt!: string;
  @ApiProperty({ example: 4300, nullable: true, type: Number }) elapsedOfficeMinutes!: number | null;
  @ApiProperty({ example: 930, nullable: true, type: Number, description: 'By how much' }) overrunMinutes!: number | null;
  @ApiProperty({
    enum: ['office-minutes', 'end-minus-due'],
    nullable: true,
    description: 'office-minutes: elapsed minus allowed office time; end-minus-due: wall-clock minutes past the due instant',
  })
  overrunBasis!: string | null;
  @ApiProperty({ example: 'ResultSentToStateCorporation', nullable: true, type: String }) endedBy!: string | null;
}

class PageDto {
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 100 }) pageSize!: number;
  @ApiProperty({ example: 1234 }) total!: number;
}

export class SummaryPageDto extends PageDto {
  @ApiProperty({ type: [SummaryRowDto] }) items!: SummaryRowDto[];
}

export class StepStatsPageDto extends PageDto {
  @ApiProperty({ type: [StepStatsRowDto] }) items!: StepStatsRowDto[];
}

export class BreachPageDto extends PageDto {
  @ApiProperty({ type: [BreachRowDto] }) items!: BreachRowDto[];
}
