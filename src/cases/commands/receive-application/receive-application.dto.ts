import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { CHANNELS, Channel } from '../../../regulations/regulation.model';
import { CaseCommand } from '../../domain/case.commands';

export class ApplicantDto {
  @ApiProperty({ example: '900101300017', description: 'IIN: 12 digits with a valid check digit' })
  @Matches(/^\d{12}$/, { message: 'iin must be 12 digits' })
  iin: string;

  @ApiProperty({ example: 'Иванов Иван Иванович' })
  @IsString()
  @Length(1, 200)
  name: string;
}

export class PowerOfAttorneyDto {
  @ApiProperty({ example: '2-1234' })
  @IsString()
  @Length(1, 50)
  number: string;

  @ApiProperty({ example: '2019-02-20' })
  @IsISO8601({ strict: true })
  date: string;
}

export class RepresentativeDto {
  @ApiProperty({ example: 'Петров Пётр' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ example: '870515400707' })
  @IsOptional()
  @Matches(/^\d{12}$/, { message: 'iin must be 12 digits' })
  iin?: string;

  @ApiProperty({ type: PowerOfAttorneyDto, description: 'Notarised power of attorney' })
  @ValidateNested()
  @Type(() => PowerOfAttorneyDto)
  powerOfAttorney: PowerOfAttorneyDto;
}

/** Shared by receipt and refusal of acceptance: who applies, for what, where. */
export class ApplicationDto {
  @ApiPropertyOptional({ description: 'Client-chosen case id (UUID); generated when absent', example: '5f0c7a1e-2b1c-4c1e-9d3a-0b6c2f1e9a11' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiProperty({ enum: CHANNELS, example: 'state-corporation' })
  @IsIn(CHANNELS)
  channel: Channel;

  @ApiProperty({ example: 'secondary-education-duplicates', description: 'Service code of the catalog' })
  @Matches(/^[a-z][a-z0-9-]*$/)
  service: string;

  @ApiProperty({ example: 'school-7', description: 'The provider organisation the application is for' })
  @IsString()
  @Length(1, 100)
  providerOrganisation: string;

  @ApiProperty({ type: ApplicantDto })
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant: ApplicantDto;

  @ApiPropertyOptional({ type: RepresentativeDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RepresentativeDto)
  representative?: RepresentativeDto;

  @ApiProperty({ example: ['заявление', 'документ, удостоверяющий личность'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 300, { each: true })
  documents: string[];
}

export class ReceiveApplicationDto extends ApplicationDto {
  @ApiPropertyOptional({
    example: 'first-grade',
    description: "The application's category where the regulation has acceptance windows per category (see the version's windows)",
  })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]*$/)
  category?: string;

  @ApiProperty({ example: true, description: 'Written consent to use data protected by law held in information systems' })
  @IsBoolean()
  consentToProtectedData: boolean;
}

/** The fields receipt and refusal of acceptance share, as the domain command takes them. */
export const applicationFields = (dto: ApplicationDto, caseId: string) => ({
  caseId,
  channel: dto.channel,
  service: dto.service,
  providerOrganisation: dto.providerOrganisation,
  applicant: { iin: dto.applicant.iin, name: dto.applicant.name },
  ...(dto.representative ? { representative: { ...dto.representative, powerOfAttorney: { ...dto.representative.powerOfAttorney } } } : {}),
  documents: dto.documents,
});

export const toReceiveCommand = (dto: ReceiveApplicationDto, caseId: string): CaseCommand => ({
  type: 'ReceiveApplication',
  ...applicationFields(dto, caseId),
  consentToProtectedData: dto.consentToProtectedData,
  ...(dto.category ? { category: dto.category } : {}),
});
