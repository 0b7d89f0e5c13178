import { Controller, Get, HttpCode, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemError } from '../common/problem';
import { HealthRegistry } from './health-check';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(HealthRegistry) private readonly registry: HealthRegistry) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HttpCode(200)
  @ApiOperation({ summary: 'Readiness: database, event store and projections' })
  async ready() {
    const results = await Promise.all(
      this.registry.all().map(async (check) => {
        try {
          const details = await check.check();
          return { name: check.name, status: 'up' as const, ...(details ?? {}) };
        } catch (error) {
          return { name: check.name, status: 'down' as const, error: (error as Error).message };
        }
      }),
    );
    const down = results.filter((r) => r.status === 'down');
    if (down.length > 0) {
      throw new ProblemError(503, 'not-ready', `Not ready: ${down.map((d) => d.name).join(', ')}`, { checks: results });
    }
    return { status: 'ok', checks: results };
  }
}
