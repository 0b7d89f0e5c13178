import { ApiProperty } from '@nestjs/swagger';
import { SingleLineText } from '../../../common/validators';

export class ForwardAppealDto {
  @ApiProperty({ example: 'head of school-7', description: 'To whom the complaint is forwarded for consideration' })
  @SingleLineText(200)
  to: string;
}
