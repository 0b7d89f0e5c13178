import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class ReplayQueryDto {
  @ApiPropertyOptional({
    description:
      'Replay the events that occurred at or before this instant: ISO 8601 with Z or an offset. ' +
      "An event's occurredAt is the instant the server recorded when it decided the command (the service clock, never a client's value), " +
      'so this is "as the record stood then". Not with `revision`.',
    example: '2019-03-04T18:00:00+06:00',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  at?: string;

  @ApiPropertyOptional({
    description: 'Replay up to and including this stream revision (0 = the receipt). Not with `at`.',
    example: '2',
    pattern: '^\\d{1,9}$',
  })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  revision?: string;

  @ApiPropertyOptional({
    enum: ['state', 'steps'],
    default: 'state',
    description: '`steps`: every event with the case state before and after it',
  })
  @IsOptional()
  @IsIn(['state', 'steps'])
  mode?: 'state' | 'steps';
}

export class DossierQueryDto {
  @ApiPropertyOptional({
    enum: ['json', 'html', 'bundle'],
    default: 'json',
    description:
      '`html`: a self-contained printable page in Russian; `bundle`: the offline evidence bundle (events as stored, inclusion proofs, the signed checkpoint, the key), ' +
      'checked with `npm run audit:verify-bundle -- FILE [--key KEY]` with no database and no service',
  })
  @IsOptional()
  @IsIn(['json', 'html', 'bundle'])
  format?: 'json' | 'html' | 'bundle';
}

export class AccessLogQueryDto {
  @ApiPropertyOptional({ description: 'First revision of the access-log stream to list', example: '0', pattern: '^\\d{1,9}$' })
  @IsOptional()
  @Matches(/^\d{1,9}$/, { message: 'fromRevision must be a whole number >= 0' })
  fromRevision?: string;

  @ApiPropertyOptional({ description: 'Entries per page, 1..1000', example: '100', pattern: '^\\d{1,4}$' })
  @IsOptional()
  @Matches(/^([1-9]\d{0,2}|1000)$/, { message: 'limit must be a whole number from 1 to 1000' })
  limit?: string;
}
