export { currentTraceparent, inJobSpan, jobParentContext, tracer } from "./context";
export { startTracing, tracingExporter, type StartTracingOptions, type Tracing, type TracingEnv } from "./sdk";
