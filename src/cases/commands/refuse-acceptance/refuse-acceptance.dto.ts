import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsString, Length } from 'class-validator';
import { Trim } from '../../../common/validators';
import { CaseCommand } from '../../domain/case.commands';
import { ApplicationDto, applicationFields } from '../receive-application/receive-application.dto';

/** An incomplete package: the case opens and closes with a refusal receipt. */
export class RefuseAcceptanceDto extends ApplicationDto {
  @ApiProperty({ example: ['фотография 3x4'], description: 'The documents missing from the package' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Trim()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @Length(1, 300, { each: true })
  missingDocuments: string[];
}

export const toRefuseAcceptanceCommand = (dto: RefuseAcceptanceDto, caseId: string): CaseCommand => ({
  type: 'RefuseAcceptance',
  ...applicationFields(dto, caseId),
  missingDocuments: dto.missingDocuments,
});
