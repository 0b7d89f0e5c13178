import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';

export class DecideAppealDto {
  @ApiProperty({ enum: ['upheld', 'rejected'], example: 'upheld' })
  @IsIn(['upheld', 'rejected'])
  decision: 'upheld' | 'rejected';

  @ApiProperty({ example: 'Срок выдачи нарушен на 2 рабочих дня' })
  @IsString()
  @Length(3, 4000)
  reasoning: string;
}
