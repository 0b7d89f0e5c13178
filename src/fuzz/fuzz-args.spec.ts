import { parseFuzzArgs } from './fuzz-args';

const parse = (...argv: string[]) => parseFuzzArgs(argv, () => 7);

describe('npm run fuzz arguments', () => {
  it('defaults: 1000 requests to localhost:3000, a random seed, 4 in flight', () => {
    expect(parse()).toMatchObject({ kind: 'run', requests: 1000, seed: 7, concurrency: 4, timeoutMs: 10_000, tokenSecret: undefined });
    expect(parse()).toMatchObject({ url: new URL('http://localhost:3000') });
  });

  it('takes every flag', () => {
    const secret = 's'.repeat(32);
    expect(
      parse(
        '--requests',
        '20000',
        '--url',
        'http://10.0.0.5:8080',
        '--seed',
        '42',
        '--token-secret',
        secret,
        '--concurrency',
        '8',
        '--timeout-ms',
        '500',
      ),
    ).toMatchObject({
      kind: 'run',
      requests: 20000,
      url: new URL('http://10.0.0.5:8080'),
      seed: 42,
      tokenSecret: secret,
      concurrency: 8,
      timeoutMs: 500,
    });
  });

  it.each([
    [['--requests', '0'], '--requests'],
    [['--requests', '1e3'], '--requests'],
    [['--seed', '-1'], '--seed'],
    [['--url', 'not a url'], '--url'],
    [['--url', 'https://example.org'], '--url must be http'],
    [['--token-secret', 'short'], '--token-secret'],
    [['--unknown'], 'Unknown option'],
  ])('refuses %j naming the flag', (argv, message) => {
    const command = parse(...argv);
    expect(command.kind).toBe('error');
    expect(command.kind === 'error' ? command.message : '').toContain(message);
  });

  it('--help', () => {
    expect(parse('--help')).toEqual({ kind: 'help' });
  });
});
