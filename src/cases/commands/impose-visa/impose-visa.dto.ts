import { ApiProperty } from '@nestjs/swagger';
import { SingleLineText } from '../../../common/validators';

export class ImposeVisaDto {
  @ApiProperty({ example: 'u-exec', description: 'User id of the responsible executor the visa names' })
  @SingleLineText(100)
  executorId: string;
}
