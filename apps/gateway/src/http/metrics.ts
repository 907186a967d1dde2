import { type RequestHandler } from "express";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

export interface GatewayMetrics {
  registry: Registry;
  httpRequestDuration: Histogram<"method" | "route" | "status_code">;
  realtimeSockets: Gauge;
  realtimeRefusals: Counter<"code">;
}

/** One registry per gateway instance, so tests can build several apps in one process. */
export function createMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: "http_request_duration_seconds",
      help: "Duration of HTTP requests handled by the gateway",
      labelNames: ["method", "route", "status_code"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    realtimeSockets: new Gauge({
      name: "realtime_connected_sockets",
      help: "socket.io clients connected to this gateway",
      registers: [registry],
    }),
    realtimeRefusals: new Counter({
      name: "realtime_refused_handshakes_total",
      help: "socket.io handshakes refused, by reason",
      labelNames: ["code"],
      registers: [registry],
    }),
  };
}

/** Times every request; the route label is the matched pattern, never the raw URL. */
export function httpMetricsMiddleware(metrics: GatewayMetrics): RequestHandler {
  return (req, res, next) => {
    const stop = metrics.httpRequestDuration.startTimer();
    res.once("finish", () => {
      const pattern: unknown = req.route?.path;
      const route = typeof pattern === "string" ? `${req.baseUrl}${pattern}` : "unmatched";
      stop({ method: req.method, route, status_code: String(res.statusCode) });
    });
    next();
  };
}
