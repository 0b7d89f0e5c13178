import { Body, Param } from '@nestjs/common';
import { checkCaseId } from '../../../common/case-id';
import { CaseCommandRoute } from '../case-command.endpoint';
import { CaseCommandPost, CaseRoutes, CommandRequest } from '../case-command.http';
import { NoBodyDto } from '../no-body.dto';

@CaseRoutes()
export class SignResultRoute extends CaseCommandRoute {
  @CaseCommandPost(':id/sign', { operation: 'sign', summary: 'The head signs the result', noBody: true })
  sign(@Param('id') id: string, @Body() body: NoBodyDto, @CommandRequest() request: CommandRequest) {
    return this.endpoint.run(checkCaseId(id), { type: 'SignResult' }, request, body, 'retry-once');
  }
}
