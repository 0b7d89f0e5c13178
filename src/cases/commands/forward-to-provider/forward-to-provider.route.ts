import { Body, Param } from '@nestjs/common';
import { checkCaseId } from '../../../common/case-id';
import { CaseCommandRoute } from '../case-command.endpoint';
import { CaseCommandPost, CaseRoutes, CommandRequest } from '../case-command.http';
import { NoBodyDto } from '../no-body.dto';

@CaseRoutes()
export class ForwardToProviderRoute extends CaseCommandRoute {
  @CaseCommandPost(':id/forward-to-provider', {
    operation: 'forward',
    summary: 'The State Corporation forwards the package to the provider',
    noBody: true,
  })
  forward(@Param('id') id: string, @Body() body: NoBodyDto, @CommandRequest() request: CommandRequest) {
    return this.endpoint.run(checkCaseId(id), { type: 'ForwardToProvider' }, request, body, 'retry-once');
  }
}
