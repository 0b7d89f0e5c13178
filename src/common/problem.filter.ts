import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, ProblemError } from './problem';
import { IdempotencyViolationError } from '../event-store/event-store.port';
import { RuleViolation, STATUS_OF_KIND } from './rule-violation';
import { classifyUnavailability, errorField, RETRY_AFTER_SECONDS } from './unavailability';

/** Headers a handler may have set for its success answer; they mean nothing on an error (ETag is the stream revision). */
const SUCCESS_ONLY_HEADERS = ['ETag', 'Location', 'Idempotent-Replayed', 'Last-Modified'];

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
 * Turns every exception into problem+json. An unreachable database or event
 * store is a 503 with Retry-After; unknown errors become a 500 with a generic
 * detail: the stack goes to the log, never to the client.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const problem = toProblem(exception);
    if (problem.status === 503) {
      this.logger.warn({ msg: 'unavailable', code: problem.code, path: request.path, method: request.method, reason: describe(exception) });
    } else if (problem.status >= 500) {
      this.logger.error(
        { msg: 'unhandled error', path: request.path, method: request.method },
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    if (response.headersSent) return;
    for (const header of SUCCESS_ONLY_HEADERS) response.removeHeader(header);
    if (problem.status === 503) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    response
      .status(problem.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problem.toBody(request.originalUrl)));
  }
}

/** Name and code only: a driver's message may quote the values it was given. */
function describe(exception: unknown, depth = 0): string {
  if (!(exception instanceof Error)) return typeof exception;
  const code = errorField(exception, 'code');
  const cause = exception.cause instanceof Error && depth < 3 ? ` <- ${describe(exception.cause, depth + 1)}` : '';
  return `${exception.name}${typeof code === 'string' ? ` (${code})` : ''}${cause}`;
}

/** A refusal of pure logic, with the status of its kind and its code and members unchanged. */
export const ruleViolationProblem = (violation: RuleViolation): ProblemError =>
  new ProblemError(STATUS_OF_KIND[violation.kind], violation.code, violation.message, violation.extensions);

export function toProblem(exception: unknown): ProblemError {
  if (exception instanceof ProblemError) return exception;
  if (exception instanceof RuleViolation) return ruleViolationProblem(exception);
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
  // Command event ids derive from the caller's Idempotency-Key: ids already in another stream mean the key opened another case.
  if (exception instanceof IdempotencyViolationError)
    return new ProblemError(422, 'idempotency-key-reused', 'This Idempotency-Key was used for a different request');
  const unavailable = classifyUnavailability(exception);
  if (unavailable === 'event-store-unavailable')
    return new ProblemError(503, unavailable, 'The event store cannot be reached right now; retry later');
  if (unavailable === 'database-unavailable')
    return new ProblemError(503, unavailable, 'The database cannot be reached right now; retry later');
  return new ProblemError(500, 'internal', 'An unexpected error occurred; it has been logged');
}
