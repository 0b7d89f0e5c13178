import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, REGIONS } from './regulation.model';

/** The OpenAPI shapes of the catalog's answers (regulations.controller.ts). */

export class DatedFactDto {
  @ApiProperty({ example: '2016-03-12' }) date!: string;
  @ApiProperty({ enum: ['stated', 'derived', 'assumed'], example: 'derived' }) basis!: string;
  @ApiPropertyOptional({ example: 'ten calendar days after the first official publication' }) note?: string;
}

export class RegulationSourceDto {
  @ApiProperty({ example: 'kostanay-2016-35.ru.txt' }) file!: string;
  @ApiProperty({ enum: ['ru', 'kk'], example: 'ru' }) language!: string;
  @ApiProperty({ example: '2' }) appendix!: string;
}

export class RegulationWordingDto {
  @ApiProperty({ enum: ['consolidated', 'original', 'intermediate'], example: 'consolidated' }) kind!: string;
  @ApiProperty({ example: 'As amended up to 2019' }) note!: string;
}

export class ChannelSummaryDto {
  @ApiProperty({ enum: CHANNELS, example: 'state-corporation' }) channel!: string;
  @ApiProperty({ example: true }) available!: boolean;
  @ApiProperty({
    enum: ['full', 'not-in-seeds'],
    example: 'full',
    description: 'not-in-seeds: the channel’s paragraphs are not in the seed text (no steps then)',
  })
  wording!: string;
  @ApiProperty({ example: 9, description: 'Number of steps' }) steps!: number;
}

export class RegulationSummaryDto {
  @ApiProperty({ example: 'kostanay-oblast/secondary-education-duplicates/v2' }) id!: string;
  @ApiProperty({ enum: REGIONS, example: 'kostanay-oblast' }) region!: string;
  @ApiProperty({
    type: Object,
    example: { code: 'secondary-education-duplicates', name: { ru: 'Выдача дубликатов…', kk: 'Телнұсқаларын беру…' } },
  })
  service!: Record<string, unknown>;
  @ApiProperty({ example: 2 }) version!: number;
  @ApiProperty({ type: DatedFactDto }) effectiveFrom!: DatedFactDto;
  @ApiPropertyOptional({ type: DatedFactDto }) effectiveTo?: DatedFactDto;
  @ApiProperty({ enum: ['consolidated', 'original', 'intermediate'], example: 'consolidated' }) wording!: string;
  @ApiProperty({ type: [ChannelSummaryDto] }) channels!: ChannelSummaryDto[];
  @ApiProperty({ type: RegulationSourceDto }) source!: RegulationSourceDto;
}

export class RegulationListDto {
  @ApiProperty({ example: 1 }) total!: number;
  @ApiProperty({ type: [RegulationSummaryDto] }) items!: RegulationSummaryDto[];
}

/** One regulation version as the catalog holds it (regulation.model.ts RegulationVersion); nested records as objects. */
export class RegulationVersionDto {
  @ApiProperty({ example: 'kostanay-oblast/secondary-education-duplicates/v2' }) id!: string;
  @ApiProperty({ enum: REGIONS, example: 'kostanay-oblast' }) region!: string;
  @ApiProperty({
    type: Object,
    example: { code: 'secondary-education-duplicates', name: { ru: 'Выдача дубликатов…', kk: 'Телнұсқаларын беру…' } },
  })
  service!: Record<string, unknown>;
  @ApiProperty({ type: [String], example: ['school'] }) providerKind!: string[];
  @ApiProperty({ example: 2 }) version!: number;
  @ApiProperty({ type: RegulationSourceDto }) source!: RegulationSourceDto;
  @ApiProperty({ type: Object, description: 'Approving act, registration, amendments, repeal' }) legal!: Record<string, unknown>;
  @ApiProperty({ type: DatedFactDto }) effectiveFrom!: DatedFactDto;
  @ApiPropertyOptional({ type: DatedFactDto }) effectiveTo?: DatedFactDto;
  @ApiProperty({ type: RegulationWordingDto }) wording!: RegulationWordingDto;
  @ApiProperty({ type: Object }) form!: Record<string, unknown>;
  @ApiProperty({ type: Object }) result!: Record<string, unknown>;
  @ApiProperty({ type: [Object] }) refusalGrounds!: Record<string, unknown>[];
  @ApiProperty({ type: [Object], description: 'Per channel: availability and the steps with roles, durations and citations' })
  channels!: Record<string, unknown>[];
  @ApiPropertyOptional({
    type: Object,
    example: { kind: 'stated', value: 15, unit: 'working-days', citation: { paragraph: '4', quote: '…' } },
  })
  overallDeadline?: Record<string, unknown>;
  @ApiProperty({ type: [Object] }) windows!: Record<string, unknown>[];
  @ApiProperty({ type: [Object] }) specialRules!: Record<string, unknown>[];
  @ApiProperty({ type: [String] }) notes!: string[];
}
