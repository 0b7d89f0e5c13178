import { Body, Param } from '@nestjs/common';
import { checkCaseId } from '../../../common/case-id';
import { CaseCommand } from '../../domain/case.commands';
import { CaseCommandRoute } from '../case-command.endpoint';
import { CaseCommandPost, CaseRoutes, CommandRequest } from '../case-command.http';
import { RefuseServiceDto } from './refuse-service.dto';

export const toRefuseServiceCommand = (body: RefuseServiceDto): CaseCommand => ({ type: 'RefuseService', grounds: body.grounds });

@CaseRoutes()
export class RefuseServiceRoute extends CaseCommandRoute {
  @CaseCommandPost(
    ':id/refuse-service',
    { operation: 'refuseService', summary: 'Motivated refusal of the service, with grounds' },
    'grounds-required',
  )
  refuseService(@Param('id') id: string, @Body() body: RefuseServiceDto, @CommandRequest() request: CommandRequest) {
    return this.endpoint.run(checkCaseId(id), toRefuseServiceCommand(body), request, body, 'retry-once');
  }
}
