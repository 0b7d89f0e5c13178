import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';

export class CheckpointQueryDto {
  @ApiPropertyOptional({
    enum: ['text', 'json'],
    description: 'Default: the signed note as text/plain (or JSON when the Accept header prefers application/json)',
  })
  @IsOptional()
  @IsIn(['text', 'json'])
  format?: 'text' | 'json';
}

export class ConsistencyQueryDto {
  @ApiProperty({ description: 'The older tree size (a signed checkpoint’s), 0 < from <= to', example: '100', pattern: '^\\d{1,15}$' })
  @IsString()
  from!: string;

  @ApiProperty({ description: 'The newer tree size, to <= the tree the notary has built', example: '250', pattern: '^\\d{1,15}$' })
  @IsString()
  to!: string;
}

export class CaseProofQueryDto {
  @ApiPropertyOptional({
    description: 'Prove against the checkpoint signed for this tree size (default: the latest checkpoint)',
    example: '250',
    pattern: '^\\d{1,15}$',
  })
  @IsOptional()
  @IsString()
  size?: string;
}

export class CheckpointJsonDto {
  @ApiProperty({ example: 'kz-regulated-services.local/transparency-log' }) origin!: string;
  @ApiProperty({ example: 250 }) treeSize!: number;
  @ApiProperty({ description: 'Root hash, base64' }) rootHash!: string;
  @ApiProperty({ description: 'Key id (hex) of the signing key' }) keyId!: string;
  @ApiProperty({ format: 'date-time' }) signedAt!: string;
  @ApiProperty({ description: 'The C2SP signed note, verbatim' }) signedNote!: string;
}

export class ConsistencyProofDto {
  @ApiProperty() from!: number;
  @ApiProperty() to!: number;
  @ApiProperty({
    type: [String],
    description: 'RFC 6962 consistency proof, base64 hashes; verify against the roots of the two signed checkpoints',
  })
  proof!: string[];
}

class CoveredEventDto {
  @ApiProperty() revision!: number;
  @ApiProperty() eventId!: string;
  @ApiProperty() type!: string;
  @ApiProperty() leafIndex!: number;
  @ApiProperty({ description: 'base64 of H(0x00 || leaf encoding)' }) leafHash!: string;
  @ApiProperty({ type: [String], description: 'RFC 6962 audit path to the checkpoint root, base64' }) inclusionProof!: string[];
}

class UncoveredEventDto {
  @ApiProperty() revision!: number;
  @ApiProperty() eventId!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ type: Number, nullable: true }) leafIndex!: number | null;
  @ApiProperty({ enum: ['newer-than-checkpoint', 'not-yet-in-tree'] }) reason!: string;
}

export class CaseProofDto {
  @ApiProperty() caseId!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty({ type: CheckpointJsonDto, nullable: true, description: 'null before the first checkpoint is signed' })
  checkpoint!: CheckpointJsonDto | null;
  @ApiProperty({ type: [CoveredEventDto] }) events!: CoveredEventDto[];
  @ApiProperty({
    type: [UncoveredEventDto],
    description: 'Events the checkpoint does not cover (yet): the hash chain alone vouches for them',
  })
  notYetCovered!: UncoveredEventDto[];
}
