import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export class IssueResultDto {
  @ApiProperty({ enum: ['applicant', 'representative'], example: 'applicant' })
  @IsIn(['applicant', 'representative'])
  to: 'applicant' | 'representative';
}
