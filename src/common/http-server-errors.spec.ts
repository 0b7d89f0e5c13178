import { problemFor } from './http-server-errors';

const parserError = (code: string) => Object.assign(new Error(code), { code });

describe('what the HTTP parser refuses, as a problem', () => {
  it.each([
    ['HPE_HEADER_OVERFLOW', 431, 'headers-too-large'],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'request-timeout'],
    ['HPE_INVALID_HEADER_TOKEN', 400, 'malformed-request'],
    ['HPE_UNEXPECTED_CONTENT_LENGTH', 400, 'malformed-request'],
  ])('%s → %i %s', (code, status, problemCode) => {
    expect(problemFor(parserError(code))).toMatchObject({ status, code: problemCode });
  });
});
