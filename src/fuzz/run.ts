import type { FuzzRequest } from './fuzz-requests';
import { FuzzResponse, send } from './send';
import { isReadinessNotReady, judge, Verdict } from './verdict';

export interface FuzzOutcome {
  index: number;
  request: FuzzRequest;
  response: FuzzResponse;
  verdict: Verdict;
}

export interface RunOptions {
  concurrency: number;
  timeoutMs: number;
  onOutcome?: (outcome: FuzzOutcome, completed: number) => void;
}

/** Sends the requests, `concurrency` at a time, and judges each answer. */
export async function runRequests(base: URL, requests: FuzzRequest[], options: RunOptions): Promise<FuzzOutcome[]> {
  const outcomes = new Array<FuzzOutcome>(requests.length);
  let next = 0;
  let completed = 0;
  const worker = async () => {
    for (let index = next++; index < requests.length; index = next++) {
      const request = requests[index];
      const response = await send(base, request, options.timeoutMs);
      const outcome = { index, request, response, verdict: judge(request, response) };
      outcomes[index] = outcome;
      options.onOutcome?.(outcome, ++completed);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  return outcomes;
}

export interface FuzzSummary {
  requests: number;
  byStatus: Map<number, number>;
  /** 5xx answers, readiness's 503 not-ready excepted. */
  serverErrors: number;
  notReady: number;
  failures: FuzzOutcome[];
}

export function summarize(outcomes: FuzzOutcome[]): FuzzSummary {
  const byStatus = new Map<number, number>();
  for (const { response } of outcomes) byStatus.set(response.status, (byStatus.get(response.status) ?? 0) + 1);
  return {
    requests: outcomes.length,
    byStatus: new Map([...byStatus].sort(([a], [b]) => a - b)),
    serverErrors: outcomes.filter((o) => o.response.status >= 500 && !isReadinessNotReady(o.request, o.response)).length,
    notReady: outcomes.filter((o) => isReadinessNotReady(o.request, o.response)).length,
    failures: outcomes.filter((o) => !o.verdict.ok),
  };
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

/** How to send the request again by hand. */
export function describeRequest(request: FuzzRequest): string {
  if (request.raw !== undefined) return `RAW ${JSON.stringify(clip(request.raw, 300))}`;
  const headers = Object.entries(request.headers)
    .filter(([name]) => name !== 'authorization')
    .map(([name, value]) => `${name}: ${clip(value, 80)}`);
  const auth = request.headers.authorization ? `authorization: ${clip(request.headers.authorization, 40)}` : 'no authorization';
  return `${request.method} ${clip(request.path, 300)} [${[auth, ...headers].join('; ')}]${request.body === undefined ? '' : ` body ${JSON.stringify(clip(request.body, 500))}`}`;
}

/** Failures grouped by what went wrong, where, and which known issue it is: a long run prints each kind once. */
function groups(
  failures: FuzzOutcome[],
  label: (outcome: FuzzOutcome) => string,
): Array<{ key: string; count: number; first: FuzzOutcome }> {
  const byKey = new Map<string, { key: string; count: number; first: FuzzOutcome }>();
  for (const failure of failures) {
    const kind = failure.verdict.ok ? '' : failure.verdict.kind;
    const key = `${kind} ${failure.response.status || 'none'} ${failure.request.route}${label(failure)}`;
    const group = byKey.get(key);
    if (group) group.count++;
    else byKey.set(key, { key, count: 1, first: failure });
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count);
}

export function formatSummary(summary: FuzzSummary, label: (outcome: FuzzOutcome) => string = () => ''): string {
  const lines = ['', `requests   ${summary.requests}`, 'status     count'];
  for (const [status, count] of summary.byStatus) lines.push(`${String(status === 0 ? 'none' : status).padEnd(10)} ${count}`);
  lines.push(
    `5xx        ${summary.serverErrors}${summary.notReady > 0 ? ` (and ${summary.notReady} readiness 503 not-ready, its contract)` : ''}`,
    `failures   ${summary.failures.length} (5xx, non-problem errors, error ETags, no answer)`,
  );
  const grouped = groups(summary.failures, label);
  for (const { key, count, first } of grouped.slice(0, 40)) {
    const verdict = first.verdict.ok ? '' : clip(first.verdict.detail, 300);
    lines.push(
      `  ${String(count).padStart(5)} × ${key}`,
      `        e.g. #${first.index} ${describeRequest(first.request)}`,
      `        → ${verdict}`,
    );
  }
  if (grouped.length > 40) lines.push(`  … and ${grouped.length - 40} more kinds`);
  return lines.join('\n');
}
