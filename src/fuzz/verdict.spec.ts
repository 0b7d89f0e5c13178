import type { FuzzRequest } from './fuzz-requests';
import type { FuzzResponse } from './send';
import { judge } from './verdict';

const request: FuzzRequest = { route: 'GET /x', method: 'GET', path: '/x', headers: {} };
const answer = (status: number, contentType: string, body: string): FuzzResponse => ({ status, contentType, headers: {}, body, ms: 1 });
const problem = (status: number, code?: string) => JSON.stringify({ type: 'urn:problem:x', title: 't', status, ...(code ? { code } : {}) });

describe('judging an answer', () => {
  it('a success or a problem+json error with a code keeps the rules', () => {
    expect(judge(request, answer(200, 'application/json', '{}'))).toEqual({ ok: true });
    expect(judge(request, answer(404, 'application/problem+json; charset=utf-8', problem(404, 'case-not-found')))).toEqual({ ok: true });
    expect(judge({ ...request, method: 'HEAD' }, answer(404, 'application/problem+json', ''))).toEqual({ ok: true });
  });

  it('readiness may answer 503 not-ready (its contract), nothing else may', () => {
    const ready: FuzzRequest = { route: 'GET /health/ready', method: 'GET', path: '/health/ready', headers: {} };
    expect(judge(ready, answer(503, 'application/problem+json', problem(503, 'not-ready')))).toEqual({ ok: true });
    expect(judge(ready, answer(503, 'application/problem+json', problem(503, 'database-unavailable')))).toMatchObject({ ok: false });
    expect(judge({ ...ready, method: 'POST' }, answer(503, 'application/problem+json', problem(503, 'not-ready')))).toMatchObject({
      ok: false,
    });
  });

  it.each([
    ['a 500', answer(500, 'application/problem+json', problem(500, 'internal')), 'server-error'],
    ['a 503', answer(503, 'application/problem+json', problem(503, 'database-unavailable')), 'server-error'],
    ['an empty 431', answer(431, '', ''), 'not-problem'],
    ['an HTML 404', answer(404, 'text/html', '<h1>Not Found</h1>'), 'not-problem'],
    ['a problem without a code', answer(400, 'application/problem+json', problem(400)), 'not-problem'],
    ['no answer at all', answer(0, '', 'socket hang up'), 'no-answer'],
    [
      'an error with an ETag',
      { ...answer(404, 'application/problem+json', problem(404, 'case-not-found')), headers: { etag: 'W/"5e-abc"' } },
      'error-etag',
    ],
  ])('%s breaks them', (_what, response, kind) => {
    expect(judge(request, response)).toMatchObject({ ok: false, kind });
  });
});
