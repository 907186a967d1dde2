import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context } from "@opentelemetry/api";

/*
 * Trace context across the job queue. Only the OpenTelemetry API is used here: when no tracer
 * provider is registered (tests, production without an exporter) every call is a no-op.
 */

/** The tracer of SyncStore's own spans (tRPC procedures, jobs, marketplace calls). */
export function tracer() {
  return trace.getTracer("syncstore");
}

/** The W3C `traceparent` of the active span, or undefined when nothing is being traced. */
export function currentTraceparent(active: Context = context.active()): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(active, carrier);
  return carrier.traceparent;
}

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * The context a job continues: the `traceparent` its producer stored in the payload (see
 * `enqueue` and `addJobsSql`), or a new root when there is none or it is malformed.
 */
export function jobParentContext(payload: unknown): Context {
  const traceparent =
    payload && typeof payload === "object" ? (payload as { traceparent?: unknown }).traceparent : undefined;
  if (typeof traceparent !== "string" || !TRACEPARENT.test(traceparent)) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent });
}

/** Runs a job inside a CONSUMER span that continues its producer's trace. */
export async function inJobSpan<T>(
  task: string,
  payload: unknown,
  attributes: Record<string, string | number>,
  run: (traceId: string | undefined) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(
    `job ${task}`,
    { kind: SpanKind.CONSUMER, attributes: { "job.task": task, ...attributes } },
    jobParentContext(payload),
    async (span) => {
      const spanContext = span.spanContext();
      try {
        return await run(span.isRecording() ? spanContext.traceId : undefined);
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** A request's SERVER span, as a service that has no HTTP instrumentation records it (the gateway). */
export interface RequestSpan {
  /** The span's W3C `traceparent`, for the jobs the request enqueues; undefined when nothing is traced. */
  readonly traceparent: string | undefined;
  /** Ends the span with the response's status code (none: the client went away); 5xx marks it failed. */
  end(statusCode?: number): void;
}

/**
 * Starts a SERVER span for an incoming request, as the root of a new trace: the callers (the
 * marketplaces) do not trace, and a `traceparent` header from the internet is not trusted. The
 * span is not made active: a request's work hops across stream events and a group commit shared
 * with other requests, so its `traceparent` is carried explicitly (see `addJobsSql`'s
 * `traceparent`). Ending twice is harmless (`finish` then `close`).
 */
export function startRequestSpan(name: string, attributes: Record<string, string | number>): RequestSpan {
  const span = tracer().startSpan(name, { kind: SpanKind.SERVER, attributes }, ROOT_CONTEXT);
  let ended = false;
  return {
    traceparent: span.isRecording() ? currentTraceparent(trace.setSpan(ROOT_CONTEXT, span)) : undefined,
    end(statusCode) {
      if (ended) return;
      ended = true;
      if (statusCode !== undefined) span.setAttribute("http.response.status_code", statusCode);
      if (statusCode === undefined || statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    },
  };
}
