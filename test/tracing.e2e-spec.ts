import { spawn } from 'node:child_process';
import path from 'node:path';
import { SpanKind } from '@opentelemetry/api';
import type { SpanRecord } from './tracing/traced-command-child';
import { createTestDatabase, TestDatabase } from './support/test-db';

const ROOT = path.join(__dirname, '..');
const CORRELATION_ID = 'trace-test-7b1e';

/** Runs the child: the service with the SDK started, one POST /cases; resolves with what it printed. */
function runTracedCommand(databaseUrl: string): Promise<{ status: number; spans: SpanRecord[] }> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'test/support/ts-child.cjs'), path.join(__dirname, 'tracing/traced-command-child.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        TRACED_CHILD_DATABASE_URL: databaseUrl,
        TRACED_CHILD_CORRELATION_ID: CORRELATION_ID,
        OTEL_TRACES_EXPORTER: 'none',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      const line = /^RESULT (.*)$/m.exec(stdout);
      if (code !== 0 || !line) reject(new Error(`child exited ${code}\nstdout: ${stdout}\nstderr: ${stderr}`));
      else resolve(JSON.parse(line[1]));
    });
  });
}

describe('traces of a command (OpenTelemetry, in-memory exporter)', () => {
  let db: TestDatabase;
  let spans: SpanRecord[];
  let status: number;

  beforeAll(async () => {
    db = await createTestDatabase('tracing');
    ({ status, spans } = await runTracedCommand(db.url));
  }, 60_000);

  afterAll(async () => {
    await db?.drop();
  });

  const only = (name: string): SpanRecord => {
    const found = spans.filter((span) => span.name === name);
    expect(found.map((span) => span.name)).toEqual([name]);
    return found[0];
  };
  /** The case stream's append (a receipt's plan, new to the store, is appended first to a plan stream of its own). */
  const caseAppend = (): SpanRecord => {
    const appends = spans.filter((span) => span.name === 'event-store.append');
    expect(appends.map((span) => String(span.attributes['app.stream_id']).replace(/-.*/, '-'))).toEqual(['plan-', 'case-']);
    return appends[1];
  };
  const ancestors = (span: SpanRecord): SpanRecord[] => {
    const parent = spans.find((candidate) => candidate.spanId === span.parentSpanId);
    return parent ? [parent, ...ancestors(parent)] : [];
  };

  it('spans the request, the decision and the append in one trace, each carrying the correlation id', () => {
    expect(status).toBe(201);
    const server = spans.find((span) => Number(span.kind) === Number(SpanKind.SERVER) && span.attributes['http.route'] === '/cases');
    if (!server) throw new Error(`no HTTP server span for POST /cases among ${spans.map((s) => s.name).join(', ')}`);
    const command = only('case.command');
    const decision = only('case.decide');
    const append = caseAppend();

    expect(ancestors(command)).toContainEqual(server);
    expect(command.traceId).toBe(server.traceId);
    expect(decision.parentSpanId).toBe(command.spanId);
    expect(append.parentSpanId).toBe(command.spanId);
    for (const span of [command, decision, append]) expect(span.attributes['app.correlation_id']).toBe(CORRELATION_ID);
    expect(command.attributes['app.command']).toBe('ReceiveApplication');
    expect(append.attributes['app.event_count']).toBeGreaterThanOrEqual(1);
  });

  it('shows Express and the append’s SQL (pg) inside the trace', () => {
    const server = spans.find((span) => Number(span.kind) === Number(SpanKind.SERVER));
    const append = caseAppend();
    expect(spans.some((span) => span.traceId === server?.traceId && span.attributes['express.type'] !== undefined)).toBe(true);
    const sql = spans.filter(
      (span) =>
        Number(span.kind) === Number(SpanKind.CLIENT) &&
        span.attributes['db.system.name'] === 'postgresql' &&
        ancestors(span).includes(append),
    );
    expect(sql.length).toBeGreaterThan(0);
  });
});
