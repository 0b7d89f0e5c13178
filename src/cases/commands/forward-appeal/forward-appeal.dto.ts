import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class ForwardAppealDto {
  @ApiProperty({ example: 'head of school-7', description: 'To whom the complaint is forwarded for consideration' })
  @IsString()
  @Length(1, 200)
  to: string;
}
