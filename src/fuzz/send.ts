import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import type { FuzzRequest } from './fuzz-requests';

export interface FuzzResponse {
  /** 0: no answer (the connection closed or the time ran out). */
  status: number;
  contentType: string;
  headers: Record<string, string>;
  /** The body, its first 256 KiB unless asked otherwise. */
  body: string;
  ms: number;
}

const BODY_KEPT = 256 * 1024;
const agent = new Agent({ keepAlive: true, maxSockets: 16 });

function viaHttp(base: URL, request: FuzzRequest, timeoutMs: number, bodyKept: number, retried = false): Promise<FuzzResponse> {
  const started = Date.now();
  return new Promise((resolve) => {
    const done = (response: Omit<FuzzResponse, 'ms'>) => resolve({ ...response, ms: Date.now() - started });
    const req = httpRequest(
      {
        host: base.hostname,
        port: base.port || 80,
        method: request.method,
        path: request.path,
        headers: request.headers,
        agent,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on('data', (chunk: Buffer) => {
          if (kept < bodyKept) chunks.push(chunk);
          kept += chunk.length;
        });
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers))
            if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          done({
            status: res.statusCode ?? 0,
            contentType: headers['content-type'] ?? '',
            headers,
            body: Buffer.concat(chunks).toString('utf8').slice(0, bodyKept),
          });
        });
        res.on('error', (error) => done({ status: 0, contentType: '', headers: {}, body: `response error: ${error.message}` }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error: Error & { code?: string }) => {
      // A kept-alive socket the server closed while idle (its keepAliveTimeout): not the request's fault, send it once more.
      if (req.reusedSocket && error.code === 'ECONNRESET' && !retried) resolve(viaHttp(base, request, timeoutMs, bodyKept, true));
      else done({ status: 0, contentType: '', headers: {}, body: `request error: ${error.message}` });
    });
    req.end(request.body === undefined ? undefined : Buffer.from(request.body, 'utf8'));
  });
}

/** Parses the status line, headers and body of a raw HTTP/1.1 answer (a chunked body is returned as is). */
function parseRaw(text: string): Omit<FuzzResponse, 'ms'> {
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  const split = text.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of text
    .slice(0, split < 0 ? text.length : split)
    .split('\r\n')
    .slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = split < 0 ? '' : text.slice(split + 4);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = body.replace(/^[0-9a-f]+\r\n/i, '').replace(/\r\n0\r\n\r\n$/, '');
  return { status: status ? Number(status[1]) : 0, contentType: headers['content-type'] ?? '', headers, body: body.slice(0, BODY_KEPT) };
}

function viaSocket(base: URL, raw: string, timeoutMs: number): Promise<FuzzResponse> {
  const started = Date.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({
        ...(text === '' ? { status: 0, contentType: '', headers: {}, body: 'the connection closed without an answer' } : parseRaw(text)),
        ms: Date.now() - started,
      });
    };
    const socket = connect(Number(base.port || 80), base.hostname, () => socket.write(Buffer.from(raw, 'utf8')));
    socket.setTimeout(timeoutMs, finish);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', finish);
    socket.on('close', finish);
  });
}

/** `bodyKept`: how much of the answer's body to keep (the first 4 KiB by default). */
export function send(base: URL, request: FuzzRequest, timeoutMs: number, bodyKept = BODY_KEPT): Promise<FuzzResponse> {
  return request.raw === undefined ? viaHttp(base, request, timeoutMs, bodyKept) : viaSocket(base, request.raw, timeoutMs);
}

/** Closes the kept-alive connections (so a test's server can close). */
export const closeConnections = (): void => agent.destroy();
