import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AuthGuard, Roles } from '../../auth/auth.guard';
import { ANY_REQUEST, BEARER, ROLE, STORAGE } from '../../common/api-problem-sets';
import { ApiProblems } from '../../common/api-problems.decorator';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { ProjectionRuntime } from './projection-runtime.service';
import type { BlockedAt, LogHeldBy, ProjectionStatus } from './projection-status';

class BlockedAtDto implements BlockedAt {
  @ApiProperty({ example: '3848290697216', description: 'Global position of the event that cannot be applied' }) position!: string;
  @ApiProperty({ example: '0b6f7c1e-8f7a-4c1d-9d5e-2f1a3b4c5d6e' }) eventId!: string;
  @ApiProperty({ example: 'case-5f1c…' }) streamId!: string;
  @ApiProperty({ example: 'ApplicationReceived' }) type!: string;
  @ApiProperty({ example: 'unsupported Unicode escape sequence' }) error!: string;
  @ApiProperty({ example: '2026-05-20T08:00:00.000Z' }) since!: string;
}

class ProjectionStatusDto implements ProjectionStatus {
  @ApiProperty({ example: 'work-queue' }) name!: string;
  @ApiProperty({ enum: ['running', 'failed', 'blocked', 'standby', 'stopped', 'disabled'], example: 'running' })
  status!: ProjectionStatus['status'];
  @ApiProperty({ example: '3848290697216', description: 'Global position of the last applied event' }) position!: string;
  @ApiProperty({ example: 0 }) lagEvents!: number;
  @ApiProperty({ example: false, description: 'lagEvents is a lower bound (counting stops at 1000)' }) lagCapped!: boolean;
  @ApiProperty({ example: 0, description: 'Age in seconds of the oldest event not yet applied' }) lagSeconds!: number;
  @ApiProperty({ nullable: true, type: String, example: '2026-05-20T08:00:00.000Z' }) updatedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, example: null }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String, example: null }) lastErrorAt!: string | null;
  @ApiProperty({ example: 0 }) failedAttempts!: number;
  @ApiProperty({ example: false }) rebuildRequested!: boolean;
  @ApiProperty({ nullable: true, type: String, example: null }) rebuiltAt!: string | null;
  @ApiProperty({
    nullable: true,
    type: BlockedAtDto,
    description: 'Set while the projection holds at an event it cannot apply (npm run projections:admin -- retry|skip)',
  })
  blocked!: BlockedAtDto | null;
}

class LogHeldByDto implements LogHeldBy {
  @ApiProperty({ nullable: true, type: Number, example: 48213, description: 'Server process id of the session (pg_stat_activity.pid)' })
  pid!: number | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-05-20T08:00:00.000Z', description: 'When its transaction started' })
  transactionStartedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'psql' }) applicationName!: string | null;
}

class ProjectionsStatusResponse {
  @ApiProperty({ type: [ProjectionStatusDto] }) projections!: ProjectionStatusDto[];
  @ApiProperty({
    required: false,
    example: false,
    description:
      'Admin only: committed events are held back from every projection by a transaction still open (the event store delivers nothing past it until it ends)',
  })
  logHeld?: boolean;
  @ApiProperty({
    required: false,
    nullable: true,
    type: LogHeldByDto,
    description: 'Admin only: the session holding that transaction open (null when logHeld is false)',
  })
  logHeldBy?: LogHeldByDto | null;
}

@ApiTags('projections')
@ApiBearerAuth()
@Controller('projections')
@UseGuards(AuthGuard)
export class ProjectionStatusController {
  constructor(@Inject(ProjectionRuntime) private readonly runtime: ProjectionRuntime) {}

  @Get('status')
  @Roles('admin', 'oversight')
  @ApiOperation({
    summary:
      'Each projection on this instance: running / failed / blocked / standby, checkpoint, lag in events and seconds, the blocking event',
  })
  @ApiOkResponse({ type: ProjectionsStatusResponse })
  @ApiProblems(...ANY_REQUEST, ...BEARER, ...ROLE, ...STORAGE)
  async status(@CurrentPrincipal() principal: Principal): Promise<ProjectionsStatusResponse> {
    const projections = await this.runtime.status();
    // Session details of the database are for admins; oversight sees the projections only.
    return principal.roles.includes('admin') ? { projections, ...(await this.runtime.logHold()) } : { projections };
  }
}
