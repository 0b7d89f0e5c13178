import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, ProblemError } from './problem';

/** Stable codes for the errors Nest itself raises (routing, body parsing, guards). */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
};

/**
 * Turns every exception into problem+json. Unknown errors become a 500 with a
 * generic detail: the stack goes to the log, never to the client.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const problem = toProblem(exception);
    if (problem.status >= 500) {
      this.logger.error(
        { msg: 'unhandled error', path: request.path, method: request.method },
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    if (response.headersSent) return;
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem.toBody(request.originalUrl)));
  }
}

export function toProblem(exception: unknown): ProblemError {
  if (exception instanceof ProblemError) return exception;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const detail =
      typeof response === 'string'
        ? response
        : typeof (response as { message?: unknown }).message === 'string'
          ? (response as { message: string }).message
          : exception.message;
    // Body-parser errors (malformed JSON) arrive as HttpException 400.
    return new ProblemError(status, CODE_BY_STATUS[status] ?? `http-${status}`, detail);
  }
  const err = exception as { type?: string; status?: number } | undefined;
  if (err?.type === 'entity.parse.failed') return new ProblemError(400, 'malformed-json', 'The request body is not valid JSON');
  if (err?.type === 'entity.too.large') return new ProblemError(413, 'payload-too-large', 'The request body is too large');
  return new ProblemError(500, 'internal', 'An unexpected error occurred; it has been logged');
}
