import type { FuzzRequest } from './fuzz-requests';
import type { FuzzResponse } from './send';

export type Verdict = { ok: true } | { ok: false; kind: 'server-error' | 'not-problem' | 'no-answer' | 'error-etag'; detail: string };

function problemCode(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'code' in parsed && typeof parsed.code === 'string' && parsed.code !== '')
      return parsed.code;
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * Readiness answers 503 not-ready by contract while a projection retries a
 * transient failure or catches up (the load balancer's signal, not an error
 * the request caused); the run checks afterwards that every projection runs.
 */
export const isReadinessNotReady = (request: FuzzRequest, response: FuzzResponse): boolean =>
  request.route === 'GET /health/ready' &&
  request.method === 'GET' &&
  response.status === 503 &&
  problemCode(response.body) === 'not-ready';

/** The rules every answer keeps: never a 5xx, and every error is problem+json with a `code`. */
export function judge(request: FuzzRequest, response: FuzzResponse): Verdict {
  if (response.status === 0) return { ok: false, kind: 'no-answer', detail: response.body };
  if (response.status >= 500 && !isReadinessNotReady(request, response))
    return {
      ok: false,
      kind: 'server-error',
      detail: `${response.status} ${problemCode(response.body) ?? ''} ${response.body.slice(0, 300)}`,
    };
  if (response.status < 400) return { ok: true };
  if (response.status >= 500 && !/^application\/problem\+json/i.test(response.contentType))
    return { ok: false, kind: 'not-problem', detail: `${response.status} with content-type "${response.contentType}"` };
  if (!/^application\/problem\+json/i.test(response.contentType))
    return {
      ok: false,
      kind: 'not-problem',
      detail: `${response.status} with content-type "${response.contentType}": ${response.body.slice(0, 200)}`,
    };
  if (request.method !== 'HEAD' && problemCode(response.body) === undefined)
    return { ok: false, kind: 'not-problem', detail: `${response.status} problem without a code: ${response.body.slice(0, 200)}` };
  // On success an ETag is the stream revision; on an error it would lie.
  if (response.headers.etag !== undefined)
    return { ok: false, kind: 'error-etag', detail: `${response.status} with ETag ${response.headers.etag}` };
  return { ok: true };
}
