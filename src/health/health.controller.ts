import { Controller, Get, HttpCode, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ANY_REQUEST } from '../common/api-problem-sets';
import { ApiProblems } from '../common/api-problems.decorator';
import { ProblemError } from '../common/problem';
import { HealthRegistry } from './health-check';
import { LivenessDto, ReadinessDto } from './health.dto';

@ApiTags('health')
@ApiProblems(...ANY_REQUEST)
@Controller('health')
export class HealthController {
  constructor(@Inject(HealthRegistry) private readonly registry: HealthRegistry) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  @ApiOkResponse({ type: LivenessDto })
  live() {
    return { status: 'ok' };
  }

  /**
   * 503 when a check fails (database, event store, a projection retrying a
   * transient error). A degraded check (a projection blocked at an event it
   * cannot apply) answers 200 with status "degraded" and names it: the
   * instance still serves writes and every query (that read model's answers
   * are marked stale), so taking it out of the load balancer would help no one.
   */
  @Get('ready')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Readiness: database, event store and projections (200 "degraded" names blocked projections; 503 when not ready)',
  })
  @ApiOkResponse({ type: ReadinessDto })
  @ApiProblems('not-ready')
  async ready() {
    const results = await Promise.all(
      this.registry.all().map(async (check) => {
        try {
          const details = await check.check();
          return { name: check.name, status: details?.degraded ? ('degraded' as const) : ('up' as const), ...(details ?? {}) };
        } catch (error) {
          return { name: check.name, status: 'down' as const, error: (error as Error).message };
        }
      }),
    );
    const down = results.filter((r) => r.status === 'down');
    if (down.length > 0) {
      throw new ProblemError(503, 'not-ready', `Not ready: ${down.map((d) => d.name).join(', ')}`, { checks: results });
    }
    const degraded = results.filter((r) => r.status === 'degraded').map((r) => r.name);
    if (degraded.length > 0) return { status: 'degraded', degraded, checks: results };
    return { status: 'ok', checks: results };
  }
}
