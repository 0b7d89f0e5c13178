import { Body, Inject } from '@nestjs/common';
import { CaseCommandEndpoint } from '../case-command.endpoint';
import { CaseReceiptPost, CaseRoutes, CommandRequest } from '../case-command.http';
import { RefuseAcceptanceDto, toRefuseAcceptanceCommand } from './refuse-acceptance.dto';

@CaseRoutes()
export class RefuseAcceptanceRoute {
  constructor(@Inject(CaseCommandEndpoint) private readonly endpoint: CaseCommandEndpoint) {}

  @CaseReceiptPost(
    'refuse-acceptance',
    { operation: 'refuseAcceptance', summary: 'Refuse to accept an incomplete package: the case opens and closes with a refusal receipt' },
    'acceptance-refusal-not-regulated',
  )
  refuseAcceptance(@Body() dto: RefuseAcceptanceDto, @CommandRequest() request: CommandRequest) {
    return this.endpoint.open(dto.caseId, (caseId) => toRefuseAcceptanceCommand(dto, caseId), request, dto, 'retry-once');
  }
}
