import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';

export class FileAppealDto {
  @ApiProperty({ example: '0b6c2f1e-9a11-4c1e-9d3a-5f0c7a1e2b1c' })
  @IsUUID()
  appealId: string;

  @ApiProperty({ example: 'Результат не выдан в срок' })
  @IsString()
  @Length(3, 2000)
  grounds: string;
}
