import { Body, Param } from '@nestjs/common';
import { checkCaseId } from '../../../common/case-id';
import { CaseCommand } from '../../domain/case.commands';
import { CaseCommandRoute } from '../case-command.endpoint';
import { CaseCommandPost, CaseRoutes, CommandRequest } from '../case-command.http';
import { PrepareDraftDto } from './prepare-draft.dto';

/** The summary only where the executor wrote one. */
export const toPrepareDraftCommand = (body: PrepareDraftDto): CaseCommand => ({
  type: 'PrepareDraft',
  ...(body.summary ? { summary: body.summary } : {}),
});

@CaseRoutes()
export class PrepareDraftRoute extends CaseCommandRoute {
  @CaseCommandPost(':id/draft', { operation: 'draft', summary: 'The named executor prepares the draft result' }, 'not-the-named-executor')
  draft(@Param('id') id: string, @Body() body: PrepareDraftDto, @CommandRequest() request: CommandRequest) {
    return this.endpoint.run(checkCaseId(id), toPrepareDraftCommand(body), request, body, 'retry-once');
  }
}
