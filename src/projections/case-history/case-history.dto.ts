import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PositionQuery } from '../runtime/read-your-writes';

export class CaseIdParams {
  @ApiProperty({ example: '4b0f6a36-0d3e-4c1e-9d7c-2a53f3c1a001' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, { message: 'id must be a case id' })
  id!: string;
}

export class CaseHistoryQuery extends PositionQuery {
  @ApiPropertyOptional({ enum: ['json', 'text'], default: 'json', description: 'text: one sentence per action (text/plain)' })
  @IsOptional()
  @IsIn(['json', 'text'])
  format?: 'json' | 'text';

  @ApiPropertyOptional({ enum: ['ru', 'kk'], default: 'ru', description: 'Language of the text form' })
  @IsOptional()
  @IsIn(['ru', 'kk'])
  lang?: 'ru' | 'kk';
}

class CitationDto {
  @ApiPropertyOptional({ example: '1' }) appendix?: string;
  @ApiProperty({ example: '5' }) paragraph!: string;
  @ApiPropertyOptional({ example: '2' }) subparagraph?: string;
  @ApiProperty({ example: 'руководитель услугодателя … накладывает резолюцию – 3 (три) часа' }) quote!: string;
}

class ActorDto {
  @ApiProperty({ example: 'u-head' }) id!: string;
  @ApiProperty({ example: 'head' }) role!: string;
  @ApiProperty({ example: 'school-7' }) organisation!: string;
}

class StepRefDto {
  @ApiProperty({ example: 'office-2' }) stepId!: string;
  @ApiProperty({ example: 'visa-imposed' }) action!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: null,
    description: 'Set when the action happens inside a step regulated as a whole',
  })
  withinStep!: string | null;
}

export class HistoryEntryDto {
  @ApiProperty({ example: 1 }) revision!: number;
  @ApiProperty({ example: '3848290697216' }) position!: string;
  @ApiProperty({ example: 'VisaImposed' }) type!: string;
  @ApiProperty({ example: '2018-09-03T04:15:00.000Z' }) occurredAt!: string;
  @ApiProperty({ example: '2018-09-03T04:15:00.120Z' }) recordedAt!: string;
  @ApiProperty({ type: ActorDto }) actor!: ActorDto;
  @ApiProperty({ type: StepRefDto, nullable: true }) step!: StepRefDto | null;
  @ApiProperty({ type: CitationDto, nullable: true }) citation!: CitationDto | null;
  @ApiProperty({ nullable: true, type: String, example: '2018-09-03T07:15:00.000Z' }) dueAt!: string | null;
  @ApiProperty({ nullable: true, type: Boolean, example: false, description: 'null: nothing was due' }) late!: boolean | null;
  @ApiPropertyOptional({
    type: Object,
    description:
      "The duration the case's regulation gives the step (so a step without a due instant says why); absent for actions outside the steps and in rows written before it was kept",
    example: {
      kind: 'stated',
      value: 15,
      unit: 'minutes',
      citation: { appendix: '2', paragraph: '5', subparagraph: '5', quote: '… 15 (пятнадцать) минут' },
    },
  })
  regulatedDuration?: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: Number, example: null }) lateByMinutes!: number | null;
  @ApiProperty({
    type: Object,
    example: {
      executorId: 'u-exec',
      next: { stepId: 'office-3', action: 'draft-prepared', role: 'executor', dueAt: '2018-09-20T12:30:00.000Z' },
    },
  })
  details!: Record<string, unknown>;
}

class PersonDto {
  @ApiProperty({ example: '870515******', description: 'Masked for oversight and admin' }) iin!: string;
  @ApiProperty({ example: 'А. Н. С.', description: 'Initials for oversight and admin' }) name!: string;
}

class RegulationRefDto {
  @ApiProperty({ example: 'kostanay-oblast/secondary-education-duplicates/v2' }) versionId!: string;
  @ApiProperty({
    nullable: true,
    type: Object,
    description: 'The service in Russian and Kazakh (the catalog marks the one the seed does not give as translated)',
    example: {
      ru: 'Выдача дубликатов документов об основном среднем, общем среднем образовании',
      kk: 'Негізгі орта, жалпы орта білім туралы құжаттардың телнұсқаларын беру',
    },
  })
  serviceName!: { ru: string; kk: string } | null;
  @ApiProperty({ nullable: true, enum: ['ru', 'kk'], description: 'The language of the regulation text the citations quote' })
  textLanguage!: 'ru' | 'kk' | null;
  @ApiProperty({
    nullable: true,
    type: Object,
    example: { body: 'акимат Костанайской области', kind: 'постановление', date: '2016-02-01', number: '35' },
  })
  act!: { body: string; kind: string; date: string; number: string } | null;
}

export class CaseHistoryDto {
  @ApiProperty({ example: '4b0f6a36-0d3e-4c1e-9d7c-2a53f3c1a001' }) caseId!: string;
  @ApiProperty({ example: 'kostanay-oblast' }) region!: string;
  @ApiProperty({ example: 'school-7' }) providerOrganisation!: string;
  @ApiProperty({ nullable: true, type: String, example: null }) stateCorporationOrganisation!: string | null;
  @ApiProperty({ example: 'secondary-education-duplicates' }) service!: string;
  @ApiProperty({ example: 'provider-office' }) channel!: string;
  @ApiProperty({ type: RegulationRefDto }) regulation!: RegulationRefDto;
  @ApiProperty({ type: PersonDto }) applicant!: PersonDto;
  @ApiProperty({ type: PersonDto, nullable: true }) representative!: PersonDto | null;
  @ApiProperty({ example: '2018-09-03T04:00:00.000Z' }) receivedAt!: string;
  @ApiProperty({ enum: ['open', 'acceptance-refused', 'service-refused', 'completed'] }) status!: string;
  @ApiProperty({ example: 4 }) revision!: number;
  @ApiProperty({ example: '3848290697216' }) position!: string;
  @ApiProperty({ example: false }) personalDataMasked!: boolean;
  @ApiProperty({ type: [HistoryEntryDto] }) entries!: HistoryEntryDto[];
}
