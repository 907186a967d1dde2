import { context, propagation, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { Agent } from "undici";
import { networkError } from "./errors";

/**
 * One keep-alive connection pool per process for marketplace calls: TLS handshakes dominate
 * small requests, and every sync job talks to the same two hosts.
 */
let sharedAgent: Agent | undefined;

export function channelAgent(): Agent {
  sharedAgent ??= new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000, connections: 64 });
  return sharedAgent;
}

/** Closes the shared pool (tests and graceful shutdown). */
export async function closeChannelAgent(): Promise<void> {
  const agent = sharedAgent;
  sharedAgent = undefined;
  await agent?.close();
}

export interface HttpRequest {
  method: "GET" | "POST" | "PUT";
  url: URL;
  headers?: Record<string, string>;
  /** Exact bytes to send; signatures are computed over this same string. */
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** The transport seam: tests pass a fake, production uses `fetchTransport`. */
export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

export interface FetchTransportOptions {
  timeoutMs: number;
  /** Label used in error messages ("Shopee", "TikTok Shop"). */
  label: string;
}

/**
 * Marketplace calls over `fetch` with the shared keep-alive pool. Each call is a CLIENT span
 * (child of the job or request that makes it) and carries the W3C `traceparent` header; both are
 * no-ops when no tracer provider is registered.
 */
export function fetchTransport(options: FetchTransportOptions): HttpTransport {
  const tracer = trace.getTracer("syncstore");
  return (request) =>
    tracer.startActiveSpan(
      `${options.label} ${request.method} ${request.url.pathname}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          "http.request.method": request.method,
          "server.address": request.url.hostname,
          "url.path": request.url.pathname,
        },
      },
      async (span) => {
        const headers: Record<string, string> = { ...request.headers };
        propagation.inject(context.active(), headers);
        const init: RequestInit & { dispatcher: Agent } = {
          method: request.method,
          headers,
          body: request.body,
          signal: AbortSignal.timeout(options.timeoutMs),
          dispatcher: channelAgent(),
        };
        try {
          const response = await fetch(request.url, init);
          span.setAttribute("http.response.status_code", response.status);
          if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          return { status: response.status, headers: response.headers, text: await response.text() };
        } catch (cause) {
          const error = networkError(cause, `${options.label} ${request.method} ${request.url.pathname}`);
          span.recordException(error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
          throw error;
        } finally {
          span.end();
        }
      },
    );
}
