import { Get, Inject, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { ApiProblems } from '../common/api-problems.decorator';
import { checkCaseId } from '../common/case-id';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { CaseViewDto } from './case-view.dto';
import { loadCase } from './case-stream';
import { assertCanRead, caseView } from './case-view';
import { CaseRoutes } from './commands/case-command.http';

/** The case as it stands; each command has its own route in commands/<command>/. */
@CaseRoutes()
export class CasesController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':id')
  @ApiOperation({ summary: 'The case as it stands now (ETag = stream revision)' })
  @ApiOkResponse({ type: CaseViewDto })
  @ApiProblems('invalid-case-id', 'case-not-found')
  async get(@Param('id') id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response) {
    const loaded = await loadCase(this.store, checkCaseId(id));
    assertCanRead(principal, loaded.state);
    response.setHeader('ETag', `"${loaded.revision}"`);
    return caseView(loaded.state, loaded.revision, principal);
  }
}
