import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, DURATION_UNITS, REGIONS, STEP_ACTIONS, STEP_ROLES } from '../regulations/regulation.model';

/** The OpenAPI shapes of caseView() and of a command's answer (cases.controller.ts). */

export class CaseCitationDto {
  @ApiPropertyOptional({ example: '2' }) appendix?: string;
  @ApiProperty({ example: '5' }) paragraph!: string;
  @ApiPropertyOptional({ example: '1' }) subparagraph?: string;
  @ApiProperty({ example: 'работник Государственной корпорации … – 15 (пятнадцать) минут' }) quote!: string;
}

export class CaseRegulationRefDto {
  @ApiProperty({ example: 'kostanay-oblast/secondary-education-duplicates/v2' }) versionId!: string;
  @ApiProperty({ enum: REGIONS, example: 'kostanay-oblast' }) region!: string;
  @ApiProperty({ example: 'secondary-education-duplicates' }) service!: string;
  @ApiProperty({ enum: CHANNELS, example: 'state-corporation' }) channel!: string;
}

export class CasePersonDto {
  @ApiProperty({ example: '900101300017', description: 'Masked (9001********) for roles that do not work with the applicant' })
  iin!: string;
  @ApiProperty({ example: 'Иванов Иван', description: 'Initials for roles that do not work with the applicant' }) name!: string;
}

export class CasePowerOfAttorneyDto {
  @ApiProperty({ example: '2-1234' }) number!: string;
  @ApiProperty({ example: '2019-02-20' }) date!: string;
  @ApiPropertyOptional({ example: true }) notarised?: boolean;
}

export class CaseRepresentativeDto {
  @ApiProperty({ example: 'Петров Пётр' }) name!: string;
  @ApiPropertyOptional({ example: '870515400707' }) iin?: string;
  @ApiProperty({ type: CasePowerOfAttorneyDto }) powerOfAttorney!: CasePowerOfAttorneyDto;
}

export class RecordedDeadlineDto {
  @ApiProperty({ example: 'sc-1' }) stepId!: string;
  @ApiProperty({ enum: STEP_ACTIONS, example: 'registered' }) action!: string;
  @ApiProperty({ example: 'state-corporation-operator' }) role!: string;
  @ApiPropertyOptional({ example: '2019-03-04T04:05:00.000Z', description: 'Absent when the regulation states no duration' })
  dueAt?: string;
  @ApiProperty({ example: '15 minutes of office time from 2019-03-04 10:00 (Asia/Qostanay)' }) explanation!: string;
  @ApiPropertyOptional({ type: CaseCitationDto }) citation?: CaseCitationDto;
}

export class CaseAppealDto {
  @ApiProperty({ example: '7d3f2c1e-5b6a-4c8d-9e0f-1a2b3c4d5e6f' }) appealId!: string;
  @ApiProperty({ example: '2019-03-20T05:00:00.000Z' }) filedAt!: string;
  @ApiProperty({ example: '2019-03-27T13:00:00.000Z' }) dueAt!: string;
  @ApiPropertyOptional({ example: 'head' }) forwardedTo?: string;
  @ApiPropertyOptional({ enum: ['upheld', 'rejected'] }) decision?: 'upheld' | 'rejected';
}

export class CaseStepDurationDto {
  @ApiProperty({ enum: ['stated', 'not-stated'], example: 'stated' }) kind!: 'stated' | 'not-stated';
  @ApiPropertyOptional({ example: 15, description: 'kind stated' }) value?: number;
  @ApiPropertyOptional({ enum: DURATION_UNITS, example: 'minutes', description: 'kind stated' }) unit?: string;
  @ApiPropertyOptional({ example: 'The text gives no duration for this step', description: 'kind not-stated' }) note?: string;
  @ApiPropertyOptional({ type: CaseCitationDto }) citation?: CaseCitationDto;
}

export class CaseStepDto {
  @ApiProperty({ example: 'sc-1' }) stepId!: string;
  @ApiProperty({ enum: STEP_ACTIONS, example: 'registered' }) action!: string;
  @ApiProperty({ enum: STEP_ROLES, example: 'state-corporation-operator' }) role!: string;
  @ApiProperty({ example: true }) done!: boolean;
  @ApiProperty({ type: CaseStepDurationDto }) duration!: CaseStepDurationDto;
  @ApiPropertyOptional({ type: CaseCitationDto }) citation?: CaseCitationDto;
}

export class CaseViewDto {
  @ApiProperty({ example: '5f0c7a1e-2b1c-4c1e-9d3a-0b6c2f1e9a11' }) caseId!: string;
  @ApiProperty({ example: 0, description: 'Stream revision (also the ETag)' }) revision!: number;
  @ApiProperty({ enum: ['new', 'open', 'acceptance-refused', 'service-refused', 'completed'], example: 'open' }) status!: string;
  @ApiProperty({ type: CaseRegulationRefDto }) regulation!: CaseRegulationRefDto;
  @ApiPropertyOptional({ example: 'school-7' }) providerOrganisation?: string;
  @ApiPropertyOptional({ example: 'sc-kostanay' }) stateCorporationOrganisation?: string;
  @ApiPropertyOptional({ type: CasePersonDto }) applicant?: CasePersonDto;
  @ApiPropertyOptional({ type: CaseRepresentativeDto, description: 'Only for roles that work with the applicant' })
  representative?: CaseRepresentativeDto;
  @ApiPropertyOptional({ example: '2019-03-04T04:00:00.000Z' }) receivedAt?: string;
  @ApiProperty({ type: RecordedDeadlineDto, nullable: true, description: 'The step awaiting action; null when none is' })
  currentStep!: RecordedDeadlineDto | null;
  @ApiPropertyOptional({ example: '2019-03-04T04:00:00.000Z' }) currentSince?: string;
  @ApiProperty({ type: RecordedDeadlineDto, nullable: true }) overallDeadline!: RecordedDeadlineDto | null;
  @ApiPropertyOptional({ example: 'u-exec' }) executorId?: string;
  @ApiProperty({ enum: ['none', 'provider', 'state-corporation', 'provider-storage', 'applicant'], example: 'none' })
  resultLocation!: string;
  @ApiProperty({ type: [CaseAppealDto] }) appeals!: CaseAppealDto[];
  @ApiProperty({ type: [CaseStepDto] }) steps!: CaseStepDto[];
}

export class WrittenEventDto {
  @ApiProperty({ example: 'ApplicationReceived' }) type!: string;
  @ApiProperty({ example: 0 }) revision!: number;
}

export class CommandResultDto {
  @ApiProperty({ example: '5f0c7a1e-2b1c-4c1e-9d3a-0b6c2f1e9a11' }) caseId!: string;
  @ApiProperty({ example: 0, description: 'Stream revision after the command (also the ETag)' }) revision!: number;
  @ApiProperty({
    example: '3848290697216',
    description: 'Global position of the last event written: pass it as ?position= to read-model queries to read your own writes',
  })
  position!: string;
  @ApiProperty({ example: false, description: 'True when an Idempotency-Key matched an earlier command: nothing new was written' })
  replayed!: boolean;
  @ApiProperty({ type: [WrittenEventDto] }) events!: WrittenEventDto[];
  @ApiProperty({ type: CaseViewDto, nullable: true }) case!: CaseViewDto | null;
}
