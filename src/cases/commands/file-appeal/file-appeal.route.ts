import { Body, Param } from '@nestjs/common';
import { checkCaseId } from '../../../common/case-id';
import { CaseCommand } from '../../domain/case.commands';
import { CaseCommandRoute } from '../case-command.endpoint';
import { CaseCommandPost, CaseRoutes, CommandRequest } from '../case-command.http';
import { FileAppealDto } from './file-appeal.dto';

export const toFileAppealCommand = (body: FileAppealDto): CaseCommand => ({
  type: 'FileAppeal',
  appealId: body.appealId,
  grounds: body.grounds,
});

@CaseRoutes()
export class FileAppealRoute extends CaseCommandRoute {
  @CaseCommandPost(
    ':id/appeals',
    {
      operation: 'fileAppeal',
      summary: 'File a complaint (considered within 5 working days, Law "On State Services" art. 25)',
      roles: ['clerk', 'state-corporation-operator', 'head'],
    },
    'appeal-exists',
    'grounds-required',
  )
  fileAppeal(@Param('id') id: string, @Body() body: FileAppealDto, @CommandRequest() request: CommandRequest) {
    return this.endpoint.run(checkCaseId(id), toFileAppealCommand(body), request, body, 'retry-once');
  }
}
