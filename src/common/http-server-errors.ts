import type { INestApplication } from '@nestjs/common';
import type { Express } from 'express';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, ProblemError } from './problem';

/** What Node's HTTP parser refused before any route saw the request. */
export function problemFor(error: Error & { code?: string }): ProblemError {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new ProblemError(431, 'headers-too-large', 'The request headers are too large');
    case 'HPE_REQUEST_TIMEOUT':
    case 'ERR_HTTP_REQUEST_TIMEOUT': // the server's requestTimeout/headersTimeout ran out
      return new ProblemError(408, 'request-timeout', 'The request was not received in time');
    default:
      return new ProblemError(400, 'malformed-request', 'The request is not valid HTTP');
  }
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/**
 * Node answers a request its parser refuses (headers over the limit, bad
 * framing) with an empty 431/400 and closes; this answers with problem+json
 * instead, like every other error.
 */
export function answerClientErrorsWithProblems(server: Server): void {
  server.on('clientError', (error: Error & { code?: string; rawPacket?: Buffer }, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const problem = problemFor(error);
    // A HEAD request's answer has no body (the client would take it for the next answer).
    const head = error.rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ';
    const json = JSON.stringify(problem.toBody());
    socket.end(
      `HTTP/1.1 ${problem.status} ${REASONS[problem.status] ?? 'Bad Request'}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\n` +
        'Connection: close\r\n\r\n' +
        (head ? '' : json),
    );
  });
}

/**
 * Server-wide settings of the error path: no automatic weak ETag (an ETag
 * means "stream revision", set only by the routes that mean it) and
 * problem+json for what the HTTP parser refuses.
 */
export function configureErrorHeaders(app: INestApplication): void {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- Nest types the platform's instance any; this service runs on platform-express
  const express: Express = app.getHttpAdapter().getInstance();
  express.set('etag', false);
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- Nest types the HTTP server any; platform-express serves node:http
  const server: Server = app.getHttpServer();
  answerClientErrorsWithProblems(server);
}
