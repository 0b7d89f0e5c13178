import { Body, Param } from '@nestjs/common';
import { checkAppealId, checkCaseId } from '../../../common/case-id';
import { CaseCommand } from '../../domain/case.commands';
import { CaseCommandRoute } from '../case-command.endpoint';
import { CaseCommandPost, CaseRoutes, CommandRequest } from '../case-command.http';
import { DecideAppealDto } from './decide-appeal.dto';

export const toDecideAppealCommand = (appealId: string, body: DecideAppealDto): CaseCommand => ({
  type: 'DecideAppeal',
  appealId,
  decision: body.decision,
  reasoning: body.reasoning,
});

@CaseRoutes()
export class DecideAppealRoute extends CaseCommandRoute {
  @CaseCommandPost(
    ':id/appeals/:appealId/decision',
    { operation: 'decideAppeal', summary: 'The provider’s head decides the complaint' },
    'invalid-appeal-id',
    'appeal-not-found',
    'appeal-decided',
    'reasoning-required',
  )
  decideAppeal(
    @Param('id') id: string,
    @Param('appealId') appealId: string,
    @Body() body: DecideAppealDto,
    @CommandRequest() request: CommandRequest,
  ) {
    return this.endpoint.run(checkCaseId(id), toDecideAppealCommand(checkAppealId(appealId), body), request, body, 'retry-once');
  }
}
