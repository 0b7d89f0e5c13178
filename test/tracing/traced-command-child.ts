// Run by test/tracing.e2e-spec.ts in a child process (node test/support/ts-child.cjs …), because the SDK must
// patch http, express and pg before they are first loaded: the service as main.ts starts it with OTEL_* set,
// but with an in-memory exporter (in-memory-tracing.ts, imported first). Sends one command over real HTTP,
// then prints the finished spans as JSON.
import { exporter, sdk } from './in-memory-tracing';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { issueToken } from '../../src/auth/tokens';
import { fixedClock } from '../../src/common/clock';
import { createTestApp, testConfig } from '../support/test-app';

export interface SpanRecord {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Record<string, unknown>;
}

const record = (span: ReadableSpan): SpanRecord => ({
  name: span.name,
  kind: span.kind,
  traceId: span.spanContext().traceId,
  spanId: span.spanContext().spanId,
  parentSpanId: span.parentSpanContext?.spanId,
  attributes: { ...span.attributes },
});

async function main(): Promise<void> {
  const databaseUrl = process.env.TRACED_CHILD_DATABASE_URL;
  const correlationId = process.env.TRACED_CHILD_CORRELATION_ID;
  if (!databaseUrl || !correlationId) throw new Error('TRACED_CHILD_DATABASE_URL and TRACED_CHILD_CORRELATION_ID are required');
  const app = await createTestApp({ databaseUrl, clock: fixedClock('2019-03-04T04:00:00Z'), env: { PROJECTIONS_ENABLED: 'false' } });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  const operator = issueToken(
    { userId: 'u-op', roles: ['state-corporation-operator'], organisation: 'sc-kostanay', region: 'kostanay-oblast' },
    testConfig().jwtSecret,
  );
  const answer = await fetch(`http://127.0.0.1:${address.port}/cases`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${operator}`, 'Content-Type': 'application/json', 'X-Correlation-Id': correlationId },
    body: JSON.stringify({
      channel: 'state-corporation',
      service: 'secondary-education-duplicates',
      providerOrganisation: 'school-7',
      applicant: { iin: '900101300017', name: 'Иванов Иван' },
      documents: ['заявление'],
      consentToProtectedData: true,
    }),
  });
  const status = answer.status;
  await answer.text();
  // The server span ends when the answer is finished, a moment after the client has it.
  const deadline = Date.now() + 5000;
  while (
    !exporter.getFinishedSpans().some((span) => Number(span.kind) === 1 && span.attributes['http.route'] === '/cases') &&
    Date.now() < deadline
  ) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await app.close();
  process.stdout.write(`RESULT ${JSON.stringify({ status, spans: exporter.getFinishedSpans().map(record) })}\n`);
  await sdk.shutdown();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
