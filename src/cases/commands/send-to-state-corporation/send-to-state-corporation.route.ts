import { Body, Param } from '@nestjs/common';
import { checkCaseId } from '../../../common/case-id';
import { CaseCommandRoute } from '../case-command.endpoint';
import { CaseCommandPost, CaseRoutes, CommandRequest } from '../case-command.http';
import { NoBodyDto } from '../no-body.dto';

@CaseRoutes()
export class SendToStateCorporationRoute extends CaseCommandRoute {
  @CaseCommandPost(
    ':id/send-to-state-corporation',
    { operation: 'sendToSc', summary: 'The provider sends the result to the State Corporation', noBody: true },
    'result-in-provider-storage',
  )
  sendToSc(@Param('id') id: string, @Body() body: NoBodyDto, @CommandRequest() request: CommandRequest) {
    return this.endpoint.run(checkCaseId(id), { type: 'SendToStateCorporation' }, request, body, 'retry-once');
  }
}
