import { Body, Param } from '@nestjs/common';
import { checkAppealId, checkCaseId } from '../../../common/case-id';
import { CaseCommand } from '../../domain/case.commands';
import { CaseCommandRoute } from '../case-command.endpoint';
import { CaseCommandPost, CaseRoutes, CommandRequest } from '../case-command.http';
import { ForwardAppealDto } from './forward-appeal.dto';

export const toForwardAppealCommand = (appealId: string, body: ForwardAppealDto): CaseCommand => ({
  type: 'ForwardAppeal',
  appealId,
  to: body.to,
});

@CaseRoutes()
export class ForwardAppealRoute extends CaseCommandRoute {
  @CaseCommandPost(
    ':id/appeals/:appealId/forward',
    { operation: 'forwardAppeal', summary: 'Forward a complaint to the provider’s head' },
    'invalid-appeal-id',
    'appeal-not-found',
    'appeal-decided',
  )
  forwardAppeal(
    @Param('id') id: string,
    @Param('appealId') appealId: string,
    @Body() body: ForwardAppealDto,
    @CommandRequest() request: CommandRequest,
  ) {
    return this.endpoint.run(checkCaseId(id), toForwardAppealCommand(checkAppealId(appealId), body), request, body, 'retry-once');
  }
}
