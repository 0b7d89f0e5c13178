/**
 * Whether to start the OpenTelemetry SDK: off unless the standard OTEL_*
 * variables ask for traces. OTEL_SDK_DISABLED=true and OTEL_TRACES_EXPORTER=none
 * always win; an exporter, an OTLP endpoint or OTEL_SDK_DISABLED=false turn it on.
 * Read before the configuration is loaded (the SDK must patch http, express
 * and pg before they are first required), hence its own look at the environment.
 */
export function tracingWanted(env: NodeJS.ProcessEnv): boolean {
  const value = (name: string) => env[name]?.trim().toLowerCase() ?? '';
  if (value('OTEL_SDK_DISABLED') === 'true') return false;
  const exporters = value('OTEL_TRACES_EXPORTER')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (exporters.includes('none')) return false;
  if (exporters.length > 0) return true;
  if (value('OTEL_EXPORTER_OTLP_ENDPOINT') !== '' || value('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') !== '') return true;
  return value('OTEL_SDK_DISABLED') === 'false';
}
