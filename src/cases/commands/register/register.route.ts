import { Body, Param } from '@nestjs/common';
import { checkCaseId } from '../../../common/case-id';
import { CaseCommand } from '../../domain/case.commands';
import { CaseCommandRoute } from '../case-command.endpoint';
import { CaseCommandPost, CaseRoutes, CommandRequest } from '../case-command.http';
import { RegisterDto } from './register.dto';

/** The registration number only where the office gave one. */
export const toRegisterCommand = (body: RegisterDto): CaseCommand => ({
  type: 'RegisterAtProvider',
  ...(body.registrationNumber ? { registrationNumber: body.registrationNumber } : {}),
});

@CaseRoutes()
export class RegisterRoute extends CaseCommandRoute {
  @CaseCommandPost(':id/register', {
    operation: 'register',
    summary: 'Register the package (provider office or State Corporation information system, as the regulation says)',
  })
  register(@Param('id') id: string, @Body() body: RegisterDto, @CommandRequest() request: CommandRequest) {
    return this.endpoint.run(checkCaseId(id), toRegisterCommand(body), request, body, 'retry-once');
  }
}
