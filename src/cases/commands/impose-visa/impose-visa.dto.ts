import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class ImposeVisaDto {
  @ApiProperty({ example: 'u-exec', description: 'User id of the responsible executor the visa names' })
  @IsString()
  @Length(1, 100)
  executorId: string;
}
