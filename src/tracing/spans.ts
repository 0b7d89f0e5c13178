import { type Attributes, type Span, SpanStatusCode, trace } from '@opentelemetry/api';
import { ProblemError } from '../common/problem';
import { messageOf } from '../common/error-message';

/** The attribute that ties a span to the request's X-Correlation-Id (and the events' metadata). */
export const CORRELATION_ID = 'app.correlation_id';

// Through @opentelemetry/api only: without a started SDK every span is a no-op and costs next to nothing.
const tracer = () => trace.getTracer('kz-regulated-services');

function failed(span: Span, error: unknown): void {
  // A refusal (a 4xx problem: stale revision, a rule of the regulation) is an answer, not a fault of the service.
  if (error instanceof ProblemError && error.status < 500) {
    span.setAttribute('app.problem_code', error.code);
    return;
  }
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: messageOf(error) });
}

/** Runs `work` inside a span that is the active one for everything it awaits. */
export function inSpan<T>(name: string, attributes: Attributes, work: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      failed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** inSpan for synchronous work (the pure decision). */
export function inSpanSync<T>(name: string, attributes: Attributes, work: (span: Span) => T): T {
  return tracer().startActiveSpan(name, { attributes }, (span) => {
    try {
      return work(span);
    } catch (error) {
      failed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Attributes without the undefined ones (the API refuses them). */
export function definedAttributes(attributes: Record<string, string | number | boolean | undefined>): Attributes {
  return Object.fromEntries(
    Object.entries(attributes).filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined),
  );
}
