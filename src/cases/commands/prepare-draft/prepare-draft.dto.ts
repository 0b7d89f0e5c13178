import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class PrepareDraftDto {
  @ApiPropertyOptional({ example: 'Проект дубликата аттестата подготовлен' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  summary?: string;
}
