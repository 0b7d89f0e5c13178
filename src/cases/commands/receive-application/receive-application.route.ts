import { Body } from '@nestjs/common';
import { CaseCommandRoute } from '../case-command.endpoint';
import { CaseReceiptPost, CaseRoutes, CommandRequest } from '../case-command.http';
import { ReceiveApplicationDto, toReceiveCommand } from './receive-application.dto';

@CaseRoutes()
export class ReceiveApplicationRoute extends CaseCommandRoute {
  @CaseReceiptPost(
    '',
    {
      operation: 'receive',
      summary: 'Receive an application: binds the case to the regulation version in force and records the deadlines',
    },
    'category-required',
    'outside-acceptance-window',
  )
  receive(@Body() dto: ReceiveApplicationDto, @CommandRequest() request: CommandRequest) {
    return this.endpoint.open(dto.caseId, (caseId) => toReceiveCommand(dto, caseId), request, dto, 'retry-once');
  }
}
