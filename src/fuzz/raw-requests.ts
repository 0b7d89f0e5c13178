import fc from 'fast-check';
import type { FuzzContext, FuzzRequest } from './fuzz-requests';
import { authorizationFor } from './fuzz-tokens';

/**
 * Requests Node's HTTP client refuses to send: control characters and raw
 * UTF-8 in headers, malformed request lines, smuggling-style framing, headers
 * over the server's limit. Each is answered by the HTTP parser's clientError
 * path or by the app.
 */
function rawTexts(authorization: string): string[] {
  const end = 'Connection: close\r\n\r\n';
  return [
    `GET /health/live HTTP/1.1\r\nHost: fuzz\r\nX-Nul: a\u0000b\r\n${end}`,
    `GET /work-queue HTTP/1.1\r\nHost: fuzz\r\nAuthorization: ${authorization}\u0000\r\n${end}`,
    `GET /work-queue HTTP/1.1\r\nHost: fuzz\r\nAuthorization: ${authorization}\r\nX-Name: Иван\r\n${end}`,
    `GET /cases/%ZZ HTTP/1.1\r\nHost: fuzz\r\nAuthorization: ${authorization}\r\n${end}`,
    `GET /cases/%ED%A0%80 HTTP/1.1\r\nHost: fuzz\r\nAuthorization: ${authorization}\r\n${end}`,
    `GET /../../etc/passwd HTTP/1.1\r\nHost: fuzz\r\n${end}`,
    `GET http://evil.example/health/live HTTP/1.1\r\nHost: fuzz\r\n${end}`,
    `GET /health/live HTTP/9.9\r\nHost: fuzz\r\n${end}`,
    `GET /health/live\r\n\r\n`,
    `BREW /health/live HTTP/1.1\r\nHost: fuzz\r\n${end}`,
    `GET /health/live HTTP/1.1\nHost: fuzz\n\n`,
    `POST /cases HTTP/1.1\r\nHost: fuzz\r\nAuthorization: ${authorization}\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n${end}0\r\n\r\n`,
    `POST /cases HTTP/1.1\r\nHost: fuzz\r\nAuthorization: ${authorization}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n${end}{}`,
    `POST /cases HTTP/1.1\r\nHost: fuzz\r\nAuthorization: ${authorization}\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: 2\r\n${end}{}`,
    `POST /cases HTTP/1.1\r\nHost: fuzz\r\nAuthorization: ${authorization}\r\nContent-Type: application/json\r\nContent-Encoding: br\r\nContent-Length: 2\r\n${end}{}`,
    `GET /health/live HTTP/1.1\r\nHost: fuzz\r\nX-Big: ${'a'.repeat(20_000)}\r\n${end}`,
    `GET /health/live HTTP/1.1\r\nHost: fuzz\r\n${Array.from({ length: 3000 }, (_, i) => `X-${i}: 1\r\n`).join('')}${end}`,
  ];
}

export function rawRequest(context: FuzzContext): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...context.principals).chain((principal) => {
    const authorization = authorizationFor('valid', principal, context.secret, context.nowSeconds) ?? '';
    return fc.constantFrom(...rawTexts(authorization)).map((raw) => ({
      route: 'RAW',
      method: raw.slice(0, raw.indexOf(' ')),
      path: raw.slice(raw.indexOf(' ') + 1, raw.indexOf('\n')).trim(),
      headers: {},
      raw,
    }));
  });
}
