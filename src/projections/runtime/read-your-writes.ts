import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { Response } from 'express';
import { ProjectionWaiter } from './projection-waiter';

/** How long a query waits for its projections to reach the given position. */
export const READ_YOUR_WRITES_TIMEOUT_MS = 2_000;
export const STALE_HEADER = 'X-Projection-Stale';

/** `?position=`: the global position a command response carried (extend this in query DTOs). */
export class PositionQuery {
  @ApiProperty({
    required: false,
    example: '3848290697216',
    description: `Global position returned by a command: the answer waits up to ${READ_YOUR_WRITES_TIMEOUT_MS / 1000} s until it reflects that write, else answers with ${STALE_HEADER}: true`,
  })
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'position must be a non-negative whole number' })
  position?: string;
}

/**
 * Waits for the position (when given) and marks the response stale when the
 * projections did not reach it in time; the query answers either way.
 */
export async function awaitPosition(
  waiter: ProjectionWaiter,
  position: string | undefined,
  projections: string[],
  response: Pick<Response, 'setHeader'>,
  timeoutMs = READ_YOUR_WRITES_TIMEOUT_MS,
): Promise<void> {
  if (position === undefined) return;
  const reached = await waiter.waitFor(BigInt(position), projections, timeoutMs);
  if (!reached) response.setHeader(STALE_HEADER, 'true');
}
