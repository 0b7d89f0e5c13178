import { All, Controller, Inject, Req, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { caseNotFoundProblem } from '../../cases/case-access';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { verifySession } from '../auth/session';
import { ConsoleExceptionFilter } from '../errors/console-exception.filter';
import { consoleState } from '../http/request-state';

/**
 * Any /console path no page answers: the console's 404 page (the same as a
 * missing case, in the user's language, under the console's headers) instead
 * of the API's JSON. Registered after every other console route (see
 * ConsoleNotFoundModule). A valid session only decorates the page (nav);
 * none is needed to be told a path does not exist.
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console')
export class ConsoleNotFoundController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @All('{*rest}')
  notFound(@Req() request: Request): never {
    const state = consoleState(request);
    if (state.sessionToken) {
      const outcome = verifySession(state.sessionToken, this.config);
      if (outcome.ok) state.principal = outcome.principal;
    }
    throw caseNotFoundProblem();
  }
}
