import { ApiProperty } from '@nestjs/swagger';
import { FreeText } from '../../../common/validators';

export class RefuseServiceDto {
  @ApiProperty({ example: 'Установлена недостоверность представленных документов' })
  @FreeText(2000, 3)
  grounds: string;
}
