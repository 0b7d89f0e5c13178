import { Body, Param } from '@nestjs/common';
import { checkCaseId } from '../../../common/case-id';
import { CaseCommand } from '../../domain/case.commands';
import { CaseCommandRoute } from '../case-command.endpoint';
import { CaseCommandPost, CaseRoutes, CommandRequest } from '../case-command.http';
import { ImposeVisaDto } from './impose-visa.dto';

export const toImposeVisaCommand = (body: ImposeVisaDto): CaseCommand => ({ type: 'ImposeVisa', executorId: body.executorId });

@CaseRoutes()
export class ImposeVisaRoute extends CaseCommandRoute {
  @CaseCommandPost(':id/visa', { operation: 'visa', summary: 'The head imposes a visa naming the responsible executor' })
  visa(@Param('id') id: string, @Body() body: ImposeVisaDto, @CommandRequest() request: CommandRequest) {
    return this.endpoint.run(checkCaseId(id), toImposeVisaCommand(body), request, body, 'retry-once');
  }
}
