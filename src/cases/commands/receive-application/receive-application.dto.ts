import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, SingleLineText, Trim } from '../../../common/validators';
import { CHANNELS, Channel } from '../../../regulations/regulation.model';
import { CaseCommand } from '../../domain/case.commands';

export class ApplicantDto {
  @ApiProperty({ example: '900101300017', description: 'IIN: 12 digits with a valid check digit' })
  @Matches(/^\d{12}$/, { message: 'iin must be 12 digits' })
  iin: string;

  @ApiProperty({ example: 'Иванов Иван Иванович', description: 'Trimmed; 1 to 200 characters on one line' })
  @SingleLineText(200)
  name: string;
}

export class PowerOfAttorneyDto {
  @ApiProperty({ example: '2-1234' })
  @SingleLineText(50)
  number: string;

  @ApiProperty({ example: '2019-02-20', description: 'The day it was issued (YYYY-MM-DD); not after the day of receipt' })
  @IsCalendarDate()
  date: string;

  @ApiPropertyOptional({
    example: true,
    default: false,
    description:
      'Notarised ("нотариально удостоверенная"). Where a step of the regulation serves a representative only by a notarised power of attorney (the step\'s `representative`), one that is not is refused there',
  })
  @IsOptional()
  @IsBoolean()
  notarised?: boolean;
}

export class RepresentativeDto {
  @ApiProperty({ example: 'Петров Пётр' })
  @SingleLineText(200)
  name: string;

  @ApiPropertyOptional({ example: '870515400707' })
  @IsOptional()
  @Matches(/^\d{12}$/, { message: 'iin must be 12 digits' })
  iin?: string;

  @ApiProperty({ type: PowerOfAttorneyDto, description: 'The power of attorney the representative acts by: required' })
  @IsDefined({ message: 'a representative needs a power of attorney' })
  @IsObject()
  @ValidateNested()
  @Type(() => PowerOfAttorneyDto)
  powerOfAttorney: PowerOfAttorneyDto;
}

/** Shared by receipt and refusal of acceptance: who applies, for what, where. */
export class ApplicationDto {
  @ApiPropertyOptional({
    description: 'Client-chosen case id (UUID); generated when absent',
    example: '5f0c7a1e-2b1c-4c1e-9d3a-0b6c2f1e9a11',
  })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiProperty({ enum: CHANNELS, example: 'state-corporation' })
  @IsIn(CHANNELS)
  channel: Channel;

  @ApiProperty({ example: 'secondary-education-duplicates', description: 'Service code of the catalog' })
  @Matches(/^[a-z][a-z0-9-]{0,99}$/, { message: '$property must be a code: lower-case letters, digits and hyphens, at most 100' })
  service: string;

  @ApiProperty({ example: 'school-7', description: 'The provider organisation the application is for' })
  @SingleLineText(100)
  providerOrganisation: string;

  @ApiProperty({ type: ApplicantDto })
  @IsDefined({ message: 'applicant is required' })
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant: ApplicantDto;

  @ApiPropertyOptional({ type: RepresentativeDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RepresentativeDto)
  representative?: RepresentativeDto;

  @ApiProperty({ example: ['заявление', 'документ, удостоверяющий личность'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Trim()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @Length(1, 300, { each: true })
  documents: string[];
}

export class ReceiveApplicationDto extends ApplicationDto {
  @ApiPropertyOptional({
    example: 'first-grade',
    description: "The application's category where the regulation has acceptance windows per category (see the version's windows)",
  })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{0,99}$/, { message: '$property must be a code: lower-case letters, digits and hyphens, at most 100' })
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
