import { Body } from '@nestjs/common';
import { CaseCommandRoute } from '../case-command.endpoint';
import { CaseReceiptPost, CaseRoutes, CommandRequest } from '../case-command.http';
import { RefuseAcceptanceDto, toRefuseAcceptanceCommand } from './refuse-acceptance.dto';

@CaseRoutes()
export class RefuseAcceptanceRoute extends CaseCommandRoute {
  @CaseReceiptPost(
    'refuse-acceptance',
    { operation: 'refuseAcceptance', summary: 'Refuse to accept an incomplete package: the case opens and closes with a refusal receipt' },
    'acceptance-refusal-not-regulated',
  )
  refuseAcceptance(@Body() dto: RefuseAcceptanceDto, @CommandRequest() request: CommandRequest) {
    return this.endpoint.open(dto.caseId, (caseId) => toRefuseAcceptanceCommand(dto, caseId), request, dto, 'retry-once');
  }
}
