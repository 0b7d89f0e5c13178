import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class RefuseServiceDto {
  @ApiProperty({ example: 'Установлена недостоверность представленных документов' })
  @IsString()
  @Length(3, 2000)
  grounds: string;
}
