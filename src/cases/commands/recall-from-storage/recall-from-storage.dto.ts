import { ApiProperty } from '@nestjs/swagger';
import { IsInstant } from '../../../common/validators';

export class RecallFromStorageDto {
  @ApiProperty({
    example: '2019-05-06T04:00:00Z',
    description:
      'When the State Corporation requested the stored result: an instant with Z or an offset, not before the hand-over to storage nor after now',
  })
  @IsInstant()
  requestedAt: string;
}
