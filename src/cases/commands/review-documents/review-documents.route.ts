import { Body, Param } from '@nestjs/common';
import { checkCaseId } from '../../../common/case-id';
import { CaseCommandRoute } from '../case-command.endpoint';
import { CaseCommandPost, CaseRoutes, CommandRequest } from '../case-command.http';
import { NoBodyDto } from '../no-body.dto';

@CaseRoutes()
export class ReviewDocumentsRoute extends CaseCommandRoute {
  @CaseCommandPost(':id/review-documents', {
    operation: 'review',
    summary: 'The executor or provider reviews the package (where the regulation has such a step)',
    noBody: true,
  })
  review(@Param('id') id: string, @Body() body: NoBodyDto, @CommandRequest() request: CommandRequest) {
    return this.endpoint.run(checkCaseId(id), { type: 'ReviewDocuments' }, request, body, 'retry-once');
  }
}
