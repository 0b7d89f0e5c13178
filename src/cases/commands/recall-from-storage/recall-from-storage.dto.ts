import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';

export class RecallFromStorageDto {
  @ApiProperty({ example: '2019-05-06T04:00:00Z', description: 'When the State Corporation requested the stored result' })
  @IsISO8601({ strict: true })
  requestedAt: string;
}
