import { Body, Param } from '@nestjs/common';
import { checkCaseId } from '../../../common/case-id';
import { CaseCommandRoute } from '../case-command.endpoint';
import { CaseCommandPost, CaseRoutes, CommandRequest } from '../case-command.http';
import { NoBodyDto } from '../no-body.dto';

@CaseRoutes()
export class HandToStorageRoute extends CaseCommandRoute {
  @CaseCommandPost(
    ':id/hand-to-storage',
    { operation: 'handToStorage', summary: 'The State Corporation hands an uncollected result to the provider for storage', noBody: true },
    'storage-not-regulated',
    'result-not-at-state-corporation',
  )
  handToStorage(@Param('id') id: string, @Body() body: NoBodyDto, @CommandRequest() request: CommandRequest) {
    return this.endpoint.run(checkCaseId(id), { type: 'HandToStorage' }, request, body, 'retry-once');
  }
}
