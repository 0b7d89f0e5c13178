import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { FreeText } from '../../../common/validators';

export class PrepareDraftDto {
  @ApiPropertyOptional({ example: 'Проект дубликата аттестата подготовлен' })
  @IsOptional()
  @FreeText(1000)
  summary?: string;
}
