import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class ReassignExecutorDto {
  @ApiProperty({ example: 'u-exec-2', description: 'User id of the executor who takes over the visa’s work' })
  @IsString()
  @Length(1, 100)
  executorId: string;

  @ApiProperty({ example: 'The named executor is on leave', description: 'Why the executor changes (recorded in the history)' })
  @IsString()
  @Length(1, 500)
  reason: string;
}
