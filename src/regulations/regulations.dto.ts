import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { IsCalendarDate } from '../common/validators';
import { CHANNELS, Channel, REGIONS, Region } from './regulation.model';

export class ListRegulationsQuery {
  @ApiPropertyOptional({ enum: REGIONS, example: 'kostanay-oblast' })
  @IsOptional()
  @IsIn(REGIONS)
  region?: Region;

  @ApiPropertyOptional({ example: 'secondary-education-duplicates' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]*$/)
  service?: string;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ description: 'Only versions in force that day (YYYY-MM-DD)', example: '2019-03-01' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;
}

export class InForceQuery {
  @ApiProperty({ enum: REGIONS, example: 'kostanay-oblast' })
  @IsIn(REGIONS)
  region: Region;

  @ApiProperty({ example: 'secondary-education-duplicates' })
  @Matches(/^[a-z][a-z0-9-]*$/)
  service: string;

  @ApiProperty({ enum: CHANNELS, example: 'state-corporation' })
  @IsIn(CHANNELS)
  channel: Channel;

  @ApiProperty({ description: 'Day of receipt in the provider’s local time (YYYY-MM-DD)', example: '2019-03-01' })
  @IsCalendarDate()
  date: string;
}
