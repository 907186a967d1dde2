import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
  type SpanExporter,
} from "@opentelemetry/sdk-trace";

export type TracingExporter = "otlp" | "console" | "none";

export interface TracingEnv {
  OTEL_TRACES_EXPORTER?: string;
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
  NODE_ENV?: string;
}

/**
 * Where spans go: `OTEL_TRACES_EXPORTER` when it names one (`otlp`, `console`, `none`); otherwise
 * OTLP when an endpoint is configured, the console in development, and nowhere else (tests and
 * unconfigured production register nothing, so tracing costs nothing there).
 */
export function tracingExporter(env: TracingEnv): TracingExporter {
  const named = env.OTEL_TRACES_EXPORTER?.trim().toLowerCase();
  if (named === "otlp" || named === "console" || named === "none") return named;
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return "otlp";
  return env.NODE_ENV === "development" ? "console" : "none";
}

export interface Tracing {
  exporter: TracingExporter | "custom";
  /** Exports what is buffered (call before reading an in-memory exporter). */
  flush(): Promise<void>;
  /** Flushes and unregisters the global provider, context manager and propagator. */
  shutdown(): Promise<void>;
}

export interface StartTracingOptions {
  /** `service.name` of the spans: syncstore-web, syncstore-worker, syncstore-gateway. */
  serviceName: string;
  env?: TracingEnv;
  /**
   * Export to this exporter, synchronously as each span ends, whatever the environment says
   * (tests pass the SDK's InMemorySpanExporter).
   */
  exporter?: SpanExporter;
}

/**
 * Registers OpenTelemetry tracing for this process: W3C trace context propagation, an
 * AsyncLocalStorage context manager and a tracer provider exporting as `tracingExporter` decides.
 * OTLP goes over HTTP to `OTEL_EXPORTER_OTLP_ENDPOINT` (the exporter reads the standard
 * `OTEL_EXPORTER_OTLP_*` variables: headers, timeout, compression).
 */
export function startTracing(options: StartTracingOptions): Tracing {
  const env = options.env ?? (process.env as TracingEnv);
  const kind = options.exporter ? "custom" : tracingExporter(env);
  if (kind === "none") return { exporter: "none", flush: async () => {}, shutdown: async () => {} };
  const processor = options.exporter
    ? new SimpleSpanProcessor({ exporter: options.exporter })
    : new BatchSpanProcessor({ exporter: kind === "otlp" ? new OTLPTraceExporter() : new ConsoleSpanExporter() });
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": options.serviceName }),
    spanProcessors: [processor],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return {
    exporter: kind,
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
