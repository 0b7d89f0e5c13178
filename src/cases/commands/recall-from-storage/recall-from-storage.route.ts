import { Body, Param } from '@nestjs/common';
import { checkCaseId } from '../../../common/case-id';
import { CaseCommand } from '../../domain/case.commands';
import { CaseCommandRoute } from '../case-command.endpoint';
import { CaseCommandPost, CaseRoutes, CommandRequest } from '../case-command.http';
import { RecallFromStorageDto } from './recall-from-storage.dto';

export const toRecallFromStorageCommand = (body: RecallFromStorageDto): CaseCommand => ({
  type: 'RecallFromStorage',
  requestedAt: body.requestedAt,
});

@CaseRoutes()
export class RecallFromStorageRoute extends CaseCommandRoute {
  @CaseCommandPost(
    ':id/recall-from-storage',
    { operation: 'recall', summary: 'The provider sends a stored result back to the State Corporation on its request' },
    'result-not-in-storage',
    'invalid-requested-at',
    'recall-before-hand-over',
  )
  recall(@Param('id') id: string, @Body() body: RecallFromStorageDto, @CommandRequest() request: CommandRequest) {
    return this.endpoint.run(checkCaseId(id), toRecallFromStorageCommand(body), request, body, 'retry-once');
  }
}
