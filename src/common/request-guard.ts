import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { json, urlencoded } from 'express';
import { ProblemError } from './problem';
import { DEFAULT_MAX_DEPTH, InspectionFinding, inspectRequestValue } from './request-inspection';
import { STORABLE_TEXT_RULE } from './storable-text';

export const DEFAULT_BODY_LIMIT_BYTES = 100 * 1024;

export interface RequestGuardOptions {
  bodyLimitBytes: number;
  maxDepth: number;
}

/** body-parser's errors (http-errors with a `type`) as problems with our codes. */
function parserProblem(error: unknown, limit: number): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const type: unknown = Reflect.get(error, 'type');
  const status: unknown = Reflect.get(error, 'status');
  switch (type) {
    case 'entity.too.large':
    case 'parameters.too.many':
      return new ProblemError(413, 'body-too-large', `The request body is larger than the limit of ${limit} bytes`, { limitBytes: limit });
    case 'entity.parse.failed':
      return new ProblemError(400, 'malformed-json', 'The request body is not valid JSON');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new ProblemError(415, 'unsupported-media-type', 'The request body’s charset or content encoding is not supported');
    default:
      return typeof status === 'number' && status >= 400 && status < 500
        ? new ProblemError(status, 'bad-request', 'The request body could not be read')
        : error;
  }
}

/**
 * A body parser whose errors are problems. The function names matter: Nest
 * skips registering its own parsers when one named jsonParser/urlencodedParser
 * is already in place, so ours (with our limit) are the only ones.
 */
function parsers(limit: number): RequestHandler[] {
  const jsonBody = json({ limit });
  const formBody = urlencoded({ limit, extended: true });
  return [
    function jsonParser(req: Request, res: Response, next: NextFunction) {
      jsonBody(req, res, (error?: unknown) => next(error === undefined ? undefined : parserProblem(error, limit)));
    },
    function urlencodedParser(req: Request, res: Response, next: NextFunction) {
      formBody(req, res, (error?: unknown) => next(error === undefined ? undefined : parserProblem(error, limit)));
    },
  ];
}

function toProblem(finding: InspectionFinding): ProblemError {
  const at = { path: finding.path };
  switch (finding.code) {
    case 'text-not-storable':
      return new ProblemError(400, finding.code, `${finding.path}: ${STORABLE_TEXT_RULE}`, at);
    case 'forbidden-key':
      return new ProblemError(400, finding.code, `${finding.path}: the keys __proto__, constructor and prototype are not accepted`, at);
    case 'body-too-deep':
      return new ProblemError(400, finding.code, `${finding.path}: objects and arrays may nest at most ${finding.maxDepth} levels deep`, {
        ...at,
        maxDepth: finding.maxDepth,
      });
    default: {
      const unknown: never = finding;
      return unknown;
    }
  }
}

/** Route parameters are taken from the decoded path: each segment decoded as the router will. */
function decodedPath(path: string): string[] | ProblemError {
  try {
    return path.split('/').map((segment) => decodeURIComponent(segment));
  } catch {
    return new ProblemError(400, 'malformed-url', 'The request path holds a percent-encoding that is not UTF-8');
  }
}

/**
 * Refuses, before routing, guards, pipes or handlers: text PostgreSQL cannot
 * store anywhere in the path, query, headers or body (keys included); bodies
 * nested too deep (class-transformer recurses and would overflow the stack);
 * and prototype keys, which the whitelisting ValidationPipe does not refuse.
 */
function inspectRequest(maxDepth: number): RequestHandler {
  return function inspectRequest(req: Request, _res: Response, next: NextFunction) {
    const path = decodedPath(req.path);
    if (path instanceof ProblemError) return next(path);
    const finding =
      inspectRequestValue(path, 'path', maxDepth) ??
      inspectRequestValue(req.rawHeaders, 'headers', maxDepth) ??
      inspectRequestValue(req.query, 'query', maxDepth) ??
      inspectRequestValue(req.body, 'body', maxDepth);
    next(finding ? toProblem(finding) : undefined);
  };
}

/** The Express middleware, in order, for configureHttp. */
export function requestGuard(options: Partial<RequestGuardOptions> = {}): RequestHandler[] {
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  return [...parsers(limit), inspectRequest(options.maxDepth ?? DEFAULT_MAX_DEPTH)];
}
