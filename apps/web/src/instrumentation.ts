/**
 * Next.js calls `register()` once per server process before serving. In the Node.js runtime it
 * registers OpenTelemetry tracing (see @syncstore/services/tracing): the console in development,
 * OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, nothing otherwise. Next.js's request spans then
 * parent the tRPC procedure spans, and the jobs they enqueue carry the trace to the worker.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startTracing } = await import("@syncstore/services/tracing");
  startTracing({ serviceName: "syncstore-web" });
}
