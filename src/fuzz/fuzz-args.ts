import { parseArgs } from 'node:util';
import { messageOf } from '../common/error-message';

export const FUZZ_HELP = `Usage: npm run fuzz -- [--requests N] [--url URL] [--seed S] [--token-secret SECRET]
                      [--concurrency N] [--timeout-ms N]

Sends generated and mutated requests to every route of a running service (the
routes come from its OpenAPI document, URL/docs-json): valid bodies with fields
dropped, replaced by hostile values (NUL, lone surrogates, huge, deep, wrong
types) or extra keys (__proto__ too), bad ids and query parameters, raw HTTP
the Node client would refuse, with valid, expired, wrongly signed, malformed
and missing tokens. Prints progress, then the requests, the count per status,
the 5xx count and each failing request; finally checks that every projection
is still running (GET /projections/status with an admin token).

Exit status: 0 when no answer was a 5xx (readiness's 503 not-ready, its
contract, excepted), an error without a problem+json body with a code or
with an ETag, or missing, and every projection runs; 1 otherwise; 2 on bad arguments or when
the service cannot be reached.

  --requests N          requests to send (default 1000)
  --url URL             the service (default http://localhost:3000)
  --seed S              generator seed; the same seed sends the same requests (default: random, printed)
  --token-secret SECRET the service's JWT_SECRET (default: JWT_SECRET, else the development secret)
  --concurrency N       requests in flight (default 4)
  --timeout-ms N        a request not answered within this is a failure (default 10000)
  --help                this text

Cases: the fuzzer first tries to receive two applications (Kostanay, State
Corporation channel) to aim commands at real cases; on a service running on
today's clock every seed regulation is repealed, so it falls back to unknown
ids. Start the service with SIMULATED_CLOCK_START=2019-03-04T04:00:00Z for
deeper runs. Do not point it at a service whose data matters: it writes.`;

export interface FuzzOptions {
  requests: number;
  url: URL;
  seed: number;
  tokenSecret: string | undefined;
  concurrency: number;
  timeoutMs: number;
}

export type FuzzCommand = { kind: 'help' } | { kind: 'error'; message: string } | ({ kind: 'run' } & FuzzOptions);

function whole(raw: string | undefined, fallback: number, flag: string, min: number, max: number): number | string {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) return `${flag} must be a whole number from ${min} to ${max}`;
  return Number(raw);
}

export function parseFuzzArgs(argv: string[], randomSeed: () => number): FuzzCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        requests: { type: 'string' },
        url: { type: 'string' },
        seed: { type: 'string' },
        'token-secret': { type: 'string' },
        concurrency: { type: 'string' },
        'timeout-ms': { type: 'string' },
      },
    });
  } catch (error) {
    return { kind: 'error', message: messageOf(error) };
  }
  const { values } = parsed;
  if (values.help) return { kind: 'help' };
  const requests = whole(values.requests, 1000, '--requests', 1, 10_000_000);
  const seed = whole(values.seed, randomSeed(), '--seed', 0, 2 ** 31 - 1);
  const concurrency = whole(values.concurrency, 4, '--concurrency', 1, 256);
  const timeoutMs = whole(values['timeout-ms'], 10_000, '--timeout-ms', 100, 600_000);
  if (typeof requests === 'string') return { kind: 'error', message: requests };
  if (typeof seed === 'string') return { kind: 'error', message: seed };
  if (typeof concurrency === 'string') return { kind: 'error', message: concurrency };
  if (typeof timeoutMs === 'string') return { kind: 'error', message: timeoutMs };
  let url: URL;
  try {
    url = new URL(values.url ?? 'http://localhost:3000');
  } catch {
    return { kind: 'error', message: `--url is not a URL: ${values.url}` };
  }
  if (url.protocol !== 'http:')
    return { kind: 'error', message: '--url must be http:// (the fuzzer speaks plain HTTP/1.1 to reach the parser)' };
  const tokenSecret = values['token-secret'];
  if (tokenSecret !== undefined && tokenSecret.length < 32)
    return { kind: 'error', message: '--token-secret must be at least 32 characters, like JWT_SECRET' };
  return { kind: 'run', requests, url, seed, tokenSecret, concurrency, timeoutMs };
}
