import { ApiProperty } from '@nestjs/swagger';
import { STEP_STATUSES, type StepStatus } from './timeline.model';

export class TimelineDurationDto {
  @ApiProperty({ example: true, description: 'false: the regulation states no duration for the step' }) regulated!: boolean;
  @ApiProperty({ example: 13, required: false }) value?: number;
  @ApiProperty({ example: 'working-days', required: false }) unit?: string;
  @ApiProperty({
    example: 'Para 5: as in para 4 of the Standard, not in the seeds',
    required: false,
    description: "The text's note when not regulated",
  })
  note?: string;
}

export class TimelineActorDto {
  @ApiProperty({ example: 'school-7:executor-1' }) id!: string;
  @ApiProperty({ example: 'executor' }) role!: string;
}

export class TimelineReassignmentDto {
  @ApiProperty({ example: '2019-03-05T06:00:00.000Z' }) at!: string;
  @ApiProperty({ example: 'u-head', description: 'The head who renamed the executor' }) by!: string;
  @ApiProperty({ example: 'u-exce' }) from!: string;
  @ApiProperty({ example: 'u-exec' }) to!: string;
  @ApiProperty({ example: 'The visa named a mistyped user' }) reason!: string;
}

export class TimelineOverrunDto {
  @ApiProperty({ example: 95, description: 'Positive: late by this much; negative: ahead by this much' }) minutes!: number;
  @ApiProperty({
    enum: ['office-minutes', 'end-minus-due'],
    description:
      'office-minutes: elapsed minus allowed office time (minute and hour durations); end-minus-due: wall-clock minutes between the due instant and the end',
  })
  basis!: string;
}

export class TimelineStepDto {
  @ApiProperty({ example: 'sc-5' }) stepId!: string;
  @ApiProperty({ enum: ['step', 'within-step', 'recall', 'appeal'] }) kind!: string;
  @ApiProperty({ example: 'result-prepared' }) action!: string;
  @ApiProperty({ example: 'provider', description: 'The role the regulation assigns (the actor’s role for actions within a step)' })
  role!: string;
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'The enclosing step, for actions the text regulates only as a whole',
  })
  withinStep!: string | null;
  @ApiProperty({
    type: TimelineDurationDto,
    nullable: true,
    description: 'null for actions within a step (they have no term of their own)',
  })
  regulatedDuration!: TimelineDurationDto | null;
  @ApiProperty({ example: '2019-03-22T13:30:00.000Z', nullable: true, type: String }) dueAt!: string | null;
  @ApiProperty({
    example: '13 working days from ...',
    nullable: true,
    type: String,
    description: 'How the due instant was computed, or why there is none',
  })
  dueExplanation!: string | null;
  @ApiProperty({ example: '2019-03-05T05:00:00.000Z', description: 'The previous step’s completion (the receipt for the first)' })
  startedAt!: string;
  @ApiProperty({ example: '2019-03-14T04:00:00.000Z', nullable: true, type: String, description: 'null while in progress' }) endedAt!:
    string | null;
  @ApiProperty({
    example: 4350,
    nullable: true,
    type: Number,
    description: 'Office minutes from start to end (to now while in progress) in the case’s region',
  })
  elapsedOfficeMinutes!: number | null;
  @ApiProperty({ example: null, nullable: true, type: Number }) allowedOfficeMinutes!: number | null;
  @ApiProperty({ type: TimelineOverrunDto, nullable: true }) overrun!: TimelineOverrunDto | null;
  @ApiProperty({ enum: STEP_STATUSES, example: 'on-time' }) status!: StepStatus;
  @ApiProperty({ example: false, required: false, description: 'In progress and past its due instant' }) overdue?: boolean;
  @ApiProperty({ type: TimelineActorDto, nullable: true, description: 'Who ended the step' }) actor!: TimelineActorDto | null;
  @ApiProperty({ example: 'ResultSentToStateCorporation', nullable: true, type: String }) endedBy!: string | null;
  @ApiProperty({
    type: [TimelineReassignmentDto],
    required: false,
    description: 'In progress: executors renamed during the step (its due instant does not move)',
  })
  reassignments?: TimelineReassignmentDto[];
}

export class CaseTimelineDto {
  @ApiProperty({ example: 'c-8f3a' }) caseId!: string;
  @ApiProperty({ example: 'kostanay-oblast' }) region!: string;
  @ApiProperty({ example: 'secondary-education-duplicates' }) service!: string;
  @ApiProperty({ example: 'state-corporation' }) channel!: string;
  @ApiProperty({ example: 'kostanay-oblast/secondary-education-duplicates/v2' }) regulationVersionId!: string;
  @ApiProperty({ example: 'school-7' }) providerOrganisation!: string;
  @ApiProperty({ example: 'sc-kostanay', nullable: true, type: String }) stateCorporationOrganisation!: string | null;
  @ApiProperty({ enum: ['open', 'completed', 'acceptance-refused', 'service-refused'] }) outcome!: string;
  @ApiProperty({ example: '2019-03-04T04:00:00.000Z' }) receivedAt!: string;
  @ApiProperty({ example: null, nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ example: '2019-03-20T10:00:00.000Z', description: 'The instant elapsed time of steps in progress is counted to' })
  asOf!: string;
  @ApiProperty({ type: [TimelineStepDto] }) steps!: TimelineStepDto[];
}
