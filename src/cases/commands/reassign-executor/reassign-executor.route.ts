import { Body, Param } from '@nestjs/common';
import { checkCaseId } from '../../../common/case-id';
import { CaseCommand } from '../../domain/case.commands';
import { CaseCommandRoute } from '../case-command.endpoint';
import { CaseCommandPost, CaseRoutes, CommandRequest } from '../case-command.http';
import { ReassignExecutorDto } from './reassign-executor.dto';

export const toReassignExecutorCommand = (body: ReassignExecutorDto): CaseCommand => ({
  type: 'ReassignExecutor',
  executorId: body.executorId,
  reason: body.reason,
});

@CaseRoutes()
export class ReassignExecutorRoute extends CaseCommandRoute {
  @CaseCommandPost(
    ':id/executor',
    {
      operation: 'reassignExecutor',
      summary: 'The provider’s head names another executor in place of the one the visa named',
      description:
        'Records ExecutorReassigned: the new executor drafts, the old one no longer can; the step and its recorded deadline do not move.',
      roles: ['head'],
    },
    'no-executor-named',
    'reason-required',
    'executor-unchanged',
  )
  reassignExecutor(@Param('id') id: string, @Body() body: ReassignExecutorDto, @CommandRequest() request: CommandRequest) {
    return this.endpoint.run(checkCaseId(id), toReassignExecutorCommand(body), request, body, 'retry-once');
  }
}
