import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { FreeText } from '../../../common/validators';

export class FileAppealDto {
  @ApiProperty({ example: '0b6c2f1e-9a11-4c1e-9d3a-5f0c7a1e2b1c' })
  @IsUUID()
  appealId: string;

  @ApiProperty({ example: 'Результат не выдан в срок' })
  @FreeText(2000, 3)
  grounds: string;
}
