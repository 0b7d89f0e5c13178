import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toProblem } from '../../common/problem.filter';
import { CaseRuleViolation } from '../../cases/domain/case-error';
import { toProblem as caseProblem } from '../../cases/case-command.service';
import { endSession } from '../auth/session';
import { SignInRequired } from '../auth/sign-in-required';
import { pageContext } from '../page-context';
import { renderPage } from '../render';
import { ErrorPage } from './error.page';

/** A request from console.js or htmx wants a status, not a page to follow. */
const isFragmentRequest = (request: Request): boolean =>
  request.headers['hx-request'] === 'true' || request.headers['x-console-fragment'] === '1';

/**
 * Errors on console routes as pages in the user's language, never JSON and
 * never a stack trace: no/expired session → the sign-in page; problems →
 * the error page with the problem code's message; anything else → a
 * generic 500 page (logged).
 */
@Catch()
export class ConsoleExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Console');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    if (response.headersSent) {
      response.end();
      return;
    }
    if (exception instanceof SignInRequired) {
      if (exception.reason !== 'required') endSession(request, response);
      const location = `/console/sign-in?reason=${exception.reason}`;
      if (isFragmentRequest(request)) {
        response.status(401).setHeader('HX-Redirect', location);
        response.end();
      } else {
        response.redirect(303, location);
      }
      return;
    }
    const problem = exception instanceof CaseRuleViolation ? caseProblem(exception) : toProblem(exception);
    if (problem.status >= 500) {
      this.logger.error(
        { msg: 'console error', path: request.path, method: request.method, code: problem.code },
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    response
      .status(problem.status)
      .type('html')
      .send(renderPage(<ErrorPage ctx={pageContext(request)} status={problem.status} code={problem.code} />));
  }
}
