export { currentTraceparent, inJobSpan, jobParentContext, startRequestSpan, tracer, type RequestSpan } from "./context";
export { startTracing, tracingExporter, type StartTracingOptions, type Tracing, type TracingEnv } from "./sdk";
