import { tracingWanted } from './tracing-switch';

describe('tracingWanted (the OTEL_* switch)', () => {
  it('is off by default', () => {
    expect(tracingWanted({})).toBe(false);
    expect(tracingWanted({ OTEL_SERVICE_NAME: 'kz' })).toBe(false);
  });

  it.each([
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }],
    [{ OTEL_TRACES_EXPORTER: 'otlp' }],
    [{ OTEL_TRACES_EXPORTER: 'console' }],
    [{ OTEL_SDK_DISABLED: 'false' }],
  ])('is on with %j', (env) => {
    expect(tracingWanted(env)).toBe(true);
  });

  it.each([
    [{ OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }],
    [{ OTEL_SDK_DISABLED: 'TRUE', OTEL_TRACES_EXPORTER: 'otlp' }],
    [{ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }],
    [{ OTEL_TRACES_EXPORTER: 'otlp, none' }],
  ])('stays off with %j', (env) => {
    expect(tracingWanted(env)).toBe(false);
  });
});
