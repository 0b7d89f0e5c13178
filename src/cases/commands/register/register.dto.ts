import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { SingleLineText } from '../../../common/validators';

export class RegisterDto {
  @ApiPropertyOptional({ example: '01-12/345', description: 'Registration number in the provider’s office' })
  @IsOptional()
  @SingleLineText(50)
  registrationNumber?: string;
}
