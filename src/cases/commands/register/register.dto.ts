import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class RegisterDto {
  @ApiPropertyOptional({ example: '01-12/345', description: 'Registration number in the provider’s office' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  registrationNumber?: string;
}
