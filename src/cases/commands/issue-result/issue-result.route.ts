import { Body, Param } from '@nestjs/common';
import { checkCaseId } from '../../../common/case-id';
import { CaseCommand } from '../../domain/case.commands';
import { CaseCommandRoute } from '../case-command.endpoint';
import { CaseCommandPost, CaseRoutes, CommandRequest } from '../case-command.http';
import { IssueResultDto } from './issue-result.dto';

export const toIssueResultCommand = (body: IssueResultDto): CaseCommand => ({ type: 'IssueResult', to: body.to });

@CaseRoutes()
export class IssueResultRoute extends CaseCommandRoute {
  @CaseCommandPost(
    ':id/issue',
    { operation: 'issue', summary: 'Issue the result to the applicant (or send it to the portal cabinet, as the regulation says)' },
    'result-in-provider-storage',
    'no-representative',
    'power-of-attorney-not-notarised',
  )
  issue(@Param('id') id: string, @Body() body: IssueResultDto, @CommandRequest() request: CommandRequest) {
    return this.endpoint.run(checkCaseId(id), toIssueResultCommand(body), request, body, 'retry-once');
  }
}
