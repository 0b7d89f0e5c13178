import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { FreeText } from '../../../common/validators';

export class DecideAppealDto {
  @ApiProperty({ enum: ['upheld', 'rejected'], example: 'upheld' })
  @IsIn(['upheld', 'rejected'])
  decision: 'upheld' | 'rejected';

  @ApiProperty({ example: 'Срок выдачи нарушен на 2 рабочих дня' })
  @FreeText(4000, 3)
  reasoning: string;
}
