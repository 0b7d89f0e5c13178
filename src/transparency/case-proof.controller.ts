import { Controller, Get, Inject, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { loadCase } from '../cases/case-stream';
import { assertCanRead } from '../cases/case-view';
import { caseStreamId } from '../cases/domain/case.events';
import { ANY_REQUEST, BEARER, QUERY, STORAGE } from '../common/api-problem-sets';
import { ApiProblems } from '../common/api-problems.decorator';
import { checkCaseId } from '../common/case-id';
import { ProblemError } from '../common/problem';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { assembleCaseProof, CaseProof } from './case-proof';
import { TransparencyLog } from './transparency-log';
import { CaseProofDto, CaseProofQueryDto } from './transparency.dto';
import { parseTreeSize, withTreeProblems } from './tree-size-param';

@ApiTags('transparency')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('cases')
export class CaseProofController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(TransparencyLog) private readonly log: TransparencyLog,
  ) {}

  @Get(':id/proof')
  @ApiParam({ name: 'id', description: 'Case id (UUID)' })
  @ApiOkResponse({ type: CaseProofDto })
  @ApiProblems(
    ...ANY_REQUEST,
    ...BEARER,
    ...QUERY,
    ...STORAGE,
    'invalid-case-id',
    'invalid-tree-size',
    'case-not-found',
    'checkpoint-not-found',
    'transparency-log-damaged',
    'transparency-log-behind',
  )
  @ApiOperation({
    summary: 'Each event of the case with its leaf in the transparency log and its inclusion proof against a signed checkpoint',
    description:
      'Against the checkpoint signed for `size`, or the latest one. Events the checkpoint does not cover are listed in notYetCovered. ' +
      'Check: H(0x00 || leaf encoding of the event) = leafHash, the proof leads to the checkpoint’s root, the note verifies with GET /transparency/key. ' +
      'Who: whoever may read the case (GET /cases/:id). 404 checkpoint-not-found when no checkpoint was signed for `size`.',
  })
  async proof(
    @Param('id') id: string,
    @Query() query: CaseProofQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseProof> {
    checkCaseId(id);
    const size = query.size === undefined ? undefined : parseTreeSize(query.size, 'size', 1);
    const loaded = await loadCase(this.store, id);
    if (loaded.revision < 0) throw new ProblemError(404, 'case-not-found', 'No such case');
    assertCanRead(principal, loaded.state);
    const checkpoint = size === undefined ? await this.log.latestCheckpoint() : await this.log.checkpointOfSize(size);
    if (size !== undefined && checkpoint === undefined)
      throw new ProblemError(404, 'checkpoint-not-found', `No checkpoint was signed for tree size ${size}`);
    const streamId = caseStreamId(id);
    const leaves = await this.log.leavesOfStream(streamId);
    response.setHeader('Cache-Control', 'no-store');
    return withTreeProblems(() =>
      assembleCaseProof(id, streamId, loaded.events, leaves, checkpoint, (index, treeSize) => this.log.inclusionProof(index, treeSize)),
    );
  }
}
