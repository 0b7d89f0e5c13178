import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CHANNELS, Channel, STEP_ROLES, StepRole } from '../../regulations/regulation.model';
import { PositionQuery } from '../runtime/read-your-writes';
import { QUEUE_STATUSES, QueueStatus } from './work-queue.status';

const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,99}$/;

export class WorkQueueQuery extends PositionQuery {
  @ApiPropertyOptional({
    example: 'school-7',
    description: 'Provider or State Corporation organisation. Staff may only name their own; oversight any of their region.',
  })
  @IsOptional()
  @Matches(IDENTIFIER, { message: 'organisation must be an identifier' })
  organisation?: string;

  @ApiPropertyOptional({ enum: STEP_ROLES, example: 'head', description: 'Role of the current step as the regulation names it' })
  @IsOptional()
  @IsIn(STEP_ROLES)
  role?: StepRole;

  @ApiPropertyOptional({ example: 'me', description: 'Named executor (after a visa): a user id, or "me"' })
  @IsOptional()
  @Matches(IDENTIFIER, { message: 'assignee must be "me" or a user id' })
  assignee?: string;

  @ApiPropertyOptional({ example: 'secondary-education-duplicates' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{0,99}$/, { message: 'service must be a service code' })
  service?: string;

  @ApiPropertyOptional({ enum: CHANNELS, example: 'state-corporation' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({
    enum: QUEUE_STATUSES,
    example: 'overdue',
    description:
      "Against now, in the provider's local day: overdue (past due), due-today (later today), on-time (a later day), not-regulated (no duration)",
  })
  @IsOptional()
  @IsIn(QUEUE_STATUSES)
  status?: QueueStatus;

  @ApiPropertyOptional({ example: 1, minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;

  @ApiPropertyOptional({ example: 50, minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

export class QueueStepDto {
  @ApiProperty({ example: 'office-3' }) stepId!: string;
  @ApiProperty({ example: 'visa-imposed' }) action!: string;
  @ApiProperty({ example: 'head' }) role!: string;
  @ApiProperty({ example: '2018-09-03T04:15:00.000Z', description: 'When the step began' }) since!: string;
}

export class WorkQueueItemDto {
  @ApiProperty({ example: '4b0f6a36-0d3e-4c1e-9d7c-2a53f3c1a001' }) caseId!: string;
  @ApiProperty({ example: 'kostanay-oblast' }) region!: string;
  @ApiProperty({ example: 'school-7' }) providerOrganisation!: string;
  @ApiProperty({ example: 'sc-kst', nullable: true, type: String }) stateCorporationOrganisation!: string | null;
  @ApiProperty({ example: 'secondary-education-duplicates' }) service!: string;
  @ApiProperty({ example: 'state-corporation' }) channel!: string;
  @ApiProperty({ example: 'kostanay-oblast/secondary-education-duplicates/v2' }) regulationVersionId!: string;
  @ApiProperty({ type: QueueStepDto }) currentStep!: QueueStepDto;
  @ApiProperty({ example: 'u-exec', nullable: true, type: String, description: 'Named in the visa' }) executorId!: string | null;
  @ApiProperty({
    example: '2018-09-03T07:15:00.000Z',
    nullable: true,
    type: String,
    description: 'Null: the regulation states no duration',
  })
  dueAt!: string | null;
  @ApiProperty({ example: '3 working hours from 10:15', nullable: true, type: String }) dueExplanation!: string | null;
  @ApiProperty({ enum: QUEUE_STATUSES, example: 'due-today' }) status!: QueueStatus;
  @ApiProperty({ example: '2018-09-03T04:00:00.000Z' }) receivedAt!: string;
  @ApiProperty({ example: 3, description: 'Stream revision of the last event applied (If-Match for the next command)' }) revision!: number;
}

export class QueueTotalsDto {
  @ApiProperty({ example: 120 }) all!: number;
  @ApiProperty({ example: 100 }) 'on-time'!: number;
  @ApiProperty({ example: 12 }) 'due-today'!: number;
  @ApiProperty({ example: 5 }) overdue!: number;
  @ApiProperty({ example: 3 }) 'not-regulated'!: number;
}

export class WorkQueuePageDto {
  @ApiProperty({ type: [WorkQueueItemDto] }) items!: WorkQueueItemDto[];
  @ApiProperty({ type: QueueTotalsDto, description: 'Per status, over every filter except status' }) totals!: QueueTotalsDto;
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 50 }) pageSize!: number;
  @ApiProperty({ example: 5, description: 'Items matching every filter, status included' }) total!: number;
  @ApiProperty({ example: '2018-09-03T05:00:00.000Z', description: 'The instant statuses were computed against' }) asOf!: string;
}
