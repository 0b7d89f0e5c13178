import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LivenessDto {
  @ApiProperty({ enum: ['ok'], example: 'ok' }) status!: 'ok';
}

export class HealthCheckResultDto {
  @ApiProperty({ example: 'database' }) name!: string;
  @ApiProperty({ enum: ['up', 'degraded', 'down'], example: 'up' }) status!: string;
  @ApiPropertyOptional({ example: 'connect ECONNREFUSED 127.0.0.1:5432', description: 'Why a check is down' }) error?: string;
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ok', 'degraded'], example: 'ok' }) status!: 'ok' | 'degraded';
  @ApiPropertyOptional({
    type: [String],
    example: ['work-queue'],
    description: 'Checks that are degraded (a projection blocked at an event)',
  })
  degraded?: string[];
  @ApiProperty({ type: [HealthCheckResultDto], description: 'Each check, with the details it reports' }) checks!: HealthCheckResultDto[];
}
