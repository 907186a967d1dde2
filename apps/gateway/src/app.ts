import { timingSafeEqual } from "node:crypto";
import { type RequestListener } from "node:http";
import express, { type Express } from "express";
import { rateLimit } from "express-rate-limit";
import helmet from "helmet";
import { type Pool } from "pg";
import { pinoHttp } from "pino-http";
import { errorHandler, notFound, sendError } from "./http/errors";
import { createMetrics, httpMetricsMiddleware, type GatewayMetrics } from "./http/metrics";
import { databaseReadiness, type ReadinessCheck } from "./http/readiness";
import { assignRequestId } from "./http/request-id";
import { type Logger } from "./logger";
import { createWebhookIngestion, type WebhookIngestion, type WebhookIngestionOptions } from "./webhooks/ingestion";

export interface GatewayAppOptions {
  pool: Pool;
  logger: Logger;
  /** Names of every migration packages/db ships; `/readyz` fails until all are applied. */
  expectedMigrations: readonly string[];
  /**
   * Reverse proxies in front of the gateway (TRUST_PROXY): the client address is the entry that
   * many hops from the right of X-Forwarded-For; 0 (default) takes the socket's peer.
   */
  trustProxy?: number;
  /**
   * Bearer token `/metrics` requires on this app (METRICS_TOKEN). Without one the public app does
   * not serve `/metrics`; `createMetricsApp` serves it on a separate port instead.
   */
  metricsToken?: string;
  /** Largest accepted JSON body (default 1 MB). */
  jsonLimit?: string;
  /** Requests per minute per IP on application routes (health and metrics are exempt). */
  rateLimitPerMinute?: number;
  metrics?: GatewayMetrics;
  readiness?: ReadinessCheck;
  /** Marketplace webhook endpoints (`/webhooks/shopee`, `/webhooks/tiktok`); absent, none are served. */
  webhooks?: Omit<WebhookIngestionOptions, "pool" | "logger" | "registry">;
}

const probes = new Set(["/healthz", "/readyz", "/metrics"]);

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith("Bearer ") ? header.slice("Bearer ".length) : "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** `/metrics` alone, for a port that only the monitoring network reaches (METRICS_PORT). */
export function createMetricsApp(metrics: GatewayMetrics): Express {
  const app = express();
  app.disable("x-powered-by");
  app.get("/metrics", async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use((_req, res) => {
    res.status(404).json({ error: { code: "NOT_FOUND", message: "Only /metrics is served here" } });
  });
  return app;
}

/**
 * The gateway's Express app (probes, metrics and, when configured, the marketplace webhook
 * endpoints), and `listener`, the same app for an HTTP server with the webhook requests answered
 * before Express sees them: serve `listener`, not `app`.
 */
export function createGatewayApp(options: GatewayAppOptions): {
  app: Express;
  listener: RequestListener;
  metrics: GatewayMetrics;
  webhooks: WebhookIngestion | undefined;
} {
  const metrics = options.metrics ?? createMetrics();
  const readiness = options.readiness ?? databaseReadiness(options.pool, options.expectedMigrations);
  const app = express();
  // A number, never `true`: Express would then believe every entry, including the ones the client wrote.
  app.set("trust proxy", options.trustProxy ?? 0);
  app.disable("x-powered-by");

  // Webhooks are answered first, on plain node:http (webhooks/http.ts): before the JSON parser
  // (signatures cover the exact bytes), the per-IP limit (platforms post from few addresses at high
  // rates; bad signatures have their own limiter), and the per-request log line and security
  // headers, which at thousands of events a second cost more than the ingestion itself. Accepted
  // events are recorded in `webhook_event`; refusals are counted and logged at a limited rate by
  // the ingestion, which also times its requests into the HTTP duration histogram.
  const webhooks = options.webhooks
    ? createWebhookIngestion({
        ...options.webhooks,
        pool: options.pool,
        logger: options.logger,
        registry: metrics.registry,
        trustProxy: options.trustProxy,
        requestDuration: metrics.httpRequestDuration,
      })
    : undefined;
  if (webhooks) {
    app.use((req, res, next) => {
      if (!webhooks.handle(req, res)) next();
    });
  }
  app.use(httpMetricsMiddleware(metrics));

  app.use(
    pinoHttp({
      logger: options.logger,
      genReqId: assignRequestId,
      autoLogging: { ignore: (req) => probes.has(req.url?.split("?")[0] ?? "") },
      // Response headers are ours and noisy; request headers stay (credentials are redacted).
      serializers: { res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }) },
    }),
  );
  app.use(helmet());
  app.use(express.json({ limit: options.jsonLimit ?? "1mb" }));

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok", uptimeSeconds: Math.round(process.uptime()) });
  });

  app.get("/readyz", async (req, res) => {
    const result = await readiness();
    if (result.ready) {
      res.json({ status: "ready" });
      return;
    }
    req.log.warn({ readiness: result }, "not ready");
    res.status(503).json({ status: "unavailable", ...result, requestId: String(req.id) });
  });

  const token = options.metricsToken;
  if (token) {
    app.get("/metrics", async (req, res) => {
      if (!bearerMatches(req.headers.authorization, token)) {
        res.set("WWW-Authenticate", 'Bearer realm="metrics"');
        sendError(req, res, 401, "Metrics need the bearer token configured in METRICS_TOKEN");
        return;
      }
      res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });
  }

  app.use(
    rateLimit({
      windowMs: 60_000,
      limit: options.rateLimitPerMinute ?? 600,
      standardHeaders: "draft-8",
      legacyHeaders: false,
      handler: (req, res) => sendError(req, res, 429, "Too many requests; slow down and retry"),
    }),
  );

  app.use(notFound);
  app.use(errorHandler);
  const listener: RequestListener = webhooks
    ? (req, res) => {
        if (!webhooks.handle(req, res)) app(req, res);
      }
    : app;
  return { app, listener, metrics, webhooks };
}
