import { context, propagation, trace } from "@opentelemetry/api";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace";
import { describe, expect, it } from "vitest";
import { currentTraceparent, inJobSpan, jobParentContext } from "./context";
import { startTracing, tracingExporter, type TracingEnv } from "./sdk";

describe("tracingExporter", () => {
  const cases: [string, TracingEnv, ReturnType<typeof tracingExporter>][] = [
    ["tests register nothing", { NODE_ENV: "test" }, "none"],
    ["unconfigured production registers nothing", { NODE_ENV: "production" }, "none"],
    ["development prints to the console", { NODE_ENV: "development" }, "console"],
    [
      "an OTLP endpoint exports there",
      { NODE_ENV: "production", OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:4318" },
      "otlp",
    ],
    ["a traces endpoint exports there", { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://c:4318/v1/traces" }, "otlp"],
    ["an endpoint wins over development", { NODE_ENV: "development", OTEL_EXPORTER_OTLP_ENDPOINT: "http://c" }, "otlp"],
    ["OTEL_TRACES_EXPORTER=none turns it off", { NODE_ENV: "development", OTEL_TRACES_EXPORTER: "none" }, "none"],
    [
      "OTEL_TRACES_EXPORTER=console in production",
      { NODE_ENV: "production", OTEL_TRACES_EXPORTER: " Console " },
      "console",
    ],
    ["an unknown OTEL_TRACES_EXPORTER falls back", { NODE_ENV: "test", OTEL_TRACES_EXPORTER: "zipkin" }, "none"],
  ];
  it.each(cases)("%s", (_name, env, expected) => {
    expect(tracingExporter(env)).toBe(expected);
  });
});

describe("startTracing", () => {
  it("registers nothing when not configured: no spans, no traceparent", async () => {
    const tracing = startTracing({ serviceName: "t", env: { NODE_ENV: "test" } });
    expect(tracing.exporter).toBe("none");
    await trace.getTracer("t").startActiveSpan("s", async (span) => {
      expect(span.isRecording()).toBe(false);
      expect(currentTraceparent()).toBeUndefined();
      span.end();
    });
    await tracing.shutdown();
  });

  it("continues a job's stored traceparent and starts a new trace without one", async () => {
    const memory = new InMemorySpanExporter();
    const tracing = startTracing({ serviceName: "t", exporter: memory });
    try {
      const producer = await trace.getTracer("t").startActiveSpan("request", async (span) => {
        const traceparent = currentTraceparent();
        span.end();
        return { traceId: span.spanContext().traceId, spanId: span.spanContext().spanId, traceparent };
      });
      expect(producer.traceparent).toBe(`00-${producer.traceId}-${producer.spanId}-01`);

      const seen = await inJobSpan(
        "sync-listing",
        { listingId: "x", traceparent: producer.traceparent },
        { "job.id": "7" },
        async (id) => id,
      );
      expect(seen).toBe(producer.traceId);
      const fresh = await inJobSpan("sync-listing", { listingId: "x" }, {}, async (id) => id);
      expect(fresh).toMatch(/^[0-9a-f]{32}$/);
      expect(fresh).not.toBe(producer.traceId);
      await expect(
        inJobSpan("sync-listing", { traceparent: "00-zz" }, {}, async () => {
          throw new Error("push failed");
        }),
      ).rejects.toThrow("push failed");

      await tracing.flush();
      const jobs = memory.getFinishedSpans().filter((s) => s.name === "job sync-listing");
      expect(jobs).toHaveLength(3);
      expect(jobs[0]!.parentSpanContext?.spanId).toBe(producer.spanId);
      expect(jobs[0]!.attributes).toMatchObject({ "job.task": "sync-listing", "job.id": "7" });
      expect(jobs[1]!.parentSpanContext).toBeUndefined();
      // A malformed traceparent starts a new trace; the failure is recorded on the span.
      expect(jobs[2]!.parentSpanContext).toBeUndefined();
      expect(jobs[2]!.status).toMatchObject({ code: 2, message: "push failed" });
    } finally {
      await tracing.shutdown();
    }
    // Shut down: the globals are the API's no-ops again.
    expect(propagation.fields()).toEqual([]);
    expect(jobParentContext({ traceparent: "garbage" })).toBe(context.active());
  });
});
