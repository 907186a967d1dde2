import express, {
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from "express";
import { createRealtimeEmitter, type RealtimeEmitter } from "@syncstore/realtime";
import { startRequestSpan } from "@syncstore/services/tracing";
import { type Pool } from "pg";
import { type Registry } from "prom-client";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { sendError } from "../http/errors";
import { assignRequestId } from "../http/request-id";
import { type Logger } from "../logger";
import { ActivityBroadcaster } from "./activity";
import { raiseGatewayAlert } from "./alerts";
import { GroupCommitter, type GroupCommitOptions } from "./group-commit";
import { LogThrottle } from "./log-throttle";
import { createWebhookMetrics, type RejectionReason, type WebhookMetrics, type WebhookPlatform } from "./metrics";
import {
  isTimestampAcceptable,
  peekEnvelope,
  platformSpecs,
  type PlatformSpec,
  type WebhookCredentials,
} from "./platforms";
import { RejectionRecorder, type CountedRejection } from "./rejections";
import { eventRows, keptHeaders } from "./rows";
import { ShopDirectory } from "./shop-directory";

export interface WebhookIngestionOptions {
  pool: Pool;
  logger: Logger;
  registry: Registry;
  credentials: WebhookCredentials;
  /** Largest body read; larger requests get 413 (WEBHOOK_MAX_BODY_BYTES). */
  maxBodyBytes: number;
  /** Oldest accepted message timestamp, in seconds (WEBHOOK_MAX_AGE_SECONDS). */
  maxAgeSeconds: number;
  /** How far ahead of our clock a message timestamp may be (default 300 s). */
  maxSkewSeconds?: number;
  /** Signature failures per client address per minute before 429 (WEBHOOK_BAD_SIGNATURES_PER_MINUTE). */
  badSignaturesPerMinute: number;
  /** Defaults to the postgres emitter on `pool`. */
  realtime?: RealtimeEmitter;
  batch?: Pick<GroupCommitOptions, "waitMs" | "maxBatch" | "maxInFlight" | "commitTimeoutMs" | "unknownShopDelayMs">;
  rejections?: { flushIntervalMs?: number; alertThreshold?: number; alertWindowMinutes?: number };
  /** How long a shop → connection lookup is cached (default 30 s). */
  shopCacheTtlMs?: number;
}

export interface WebhookIngestion {
  router: Router;
  metrics: WebhookMetrics;
  /** Writes the rejection counters now (tests; otherwise every few seconds). */
  flushRejections(): Promise<void>;
  /** Commits queued events, writes counters and announcements; call after the HTTP server closed. */
  close(): Promise<void>;
}

const messages: Record<CountedRejection, string> = {
  missing_signature: "The Authorization header with the webhook signature is missing",
  invalid_signature: "The webhook signature does not match the body",
  stale_timestamp: "The webhook's timestamp is outside the accepted window; it may be a replay",
};

function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}

/**
 * `POST /webhooks/shopee` and `POST /webhooks/tiktok`: read the exact bytes, verify the signature
 * and the timestamp, then hand the event to the group committer and answer 200 with an empty body
 * only once the transaction holding it (row + processing job) committed. Refusals answer JSON with
 * a reason and store nothing; the database down answers 503 so the platform delivers again.
 */
export function createWebhookIngestion(options: WebhookIngestionOptions): WebhookIngestion {
  const { pool, logger: parentLogger } = options;
  const logger = parentLogger.child({ component: "webhooks" });
  const metrics = createWebhookMetrics(options.registry, pool);
  const specs = platformSpecs(options.credentials);
  const realtime = options.realtime ?? createRealtimeEmitter(pool);
  const directory = new ShopDirectory(pool, { ttlMs: options.shopCacheTtlMs });
  /** Alerts being written, awaited on close. */
  const alerting = new Set<Promise<void>>();
  const track = (promise: Promise<void>) => {
    const tracked = promise.finally(() => alerting.delete(tracked));
    alerting.add(tracked);
  };
  const activity = new ActivityBroadcaster({ realtime, logger });
  const committer = new GroupCommitter({
    pool,
    directory,
    metrics,
    logger,
    onCommitted: (events) => activity.add(events),
    onReusedIds: (events) => {
      for (const event of events) {
        logger.warn(
          { platform: event.platform, eventId: event.eventId, organizationId: event.organizationId },
          "webhook event id reused with a different body; stored flagged",
        );
        if (!event.organizationId) continue;
        const platformName = event.platform === "shopee" ? "Shopee" : "TikTok Shop";
        track(
          raiseGatewayAlert(pool, realtime, logger, {
            organizationId: event.organizationId,
            kind: "webhook.event_id_reused",
            dedupeKey: `webhook.event_id_reused:${event.platform}`,
            severity: "critical",
            title: `${platformName} reused a webhook event id with a different body`,
            detail:
              "A webhook arrived with the id of an event already stored but a different body. It was kept, " +
              "flagged and not processed: the sender has a bug or someone is replaying forged ids. " +
              "Review it on the Webhooks screen and replay it if it is genuine.",
            subject: { platform: event.platform, eventId: event.eventId },
          }),
        );
      }
    },
    ...options.batch,
  });
  const rejections = new RejectionRecorder({ pool, directory, logger, realtime, ...options.rejections });
  const throttledLog = new LogThrottle(logger);
  const limiter = new RateLimiterMemory({ points: options.badSignaturesPerMinute, duration: 60 });
  const window = { maxAgeSeconds: options.maxAgeSeconds, maxSkewSeconds: options.maxSkewSeconds ?? 300 };

  const reject = (
    req: Request,
    res: Response,
    platform: WebhookPlatform,
    status: number,
    reason: RejectionReason,
    message: string,
  ) => {
    metrics.rejected.inc({ platform, reason });
    sendError(req, res, status, message, reason);
  };

  /** Counts the request; every request's body is read, so its signature can be checked first. */
  const count =
    (platform: WebhookPlatform): RequestHandler =>
    (_req, _res, next) => {
      metrics.received.inc({ platform });
      next();
    };

  const readBody = express.raw({ type: () => true, limit: options.maxBodyBytes, inflate: false });

  const receive =
    (spec: PlatformSpec): RequestHandler =>
    async (req, res) => {
      const receivedAt = new Date();
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const header = req.headers.authorization;
      const signature = typeof header === "string" ? header.trim() : "";
      /**
       * Refuses a request whose signature is missing or wrong. An address that keeps failing gets
       * 429 instead; the throttle is consulted only here, after the signature check, so a request
       * whose signature verifies is never refused by it, whoever else shares its address.
       */
      const refuse = async (reason: CountedRejection) => {
        const address = clientAddress(req);
        const claimedShopId = peekEnvelope(rawBody).shopId;
        rejections.record(spec.platform, reason, claimedShopId);
        throttledLog.warn(reason, { platform: spec.platform, address, claimedShopId }, "webhook refused");
        if (reason !== "stale_timestamp") {
          const state = await limiter.get(address);
          if (state && state.consumedPoints >= options.badSignaturesPerMinute) {
            res.set("Retry-After", String(Math.max(1, Math.ceil(state.msBeforeNext / 1000))));
            res.set("Connection", "close");
            reject(
              req,
              res,
              spec.platform,
              429,
              "throttled",
              "Too many webhook requests with bad signatures from this address",
            );
            return;
          }
          await limiter.penalty(address, 1);
        }
        reject(req, res, spec.platform, 401, reason, messages[reason]);
      };
      if (!signature) return refuse("missing_signature");
      if (!spec.verify(rawBody, signature)) return refuse("invalid_signature");
      const parsed = spec.parse(rawBody);
      // A parsed message carries its timestamp; only an unparsed one needs a second look.
      const timestamp = parsed.ok ? parsed.sentAt && parsed.sentAt.getTime() / 1000 : peekEnvelope(rawBody).timestamp;
      if (!isTimestampAcceptable(timestamp, window)) return refuse("stale_timestamp");
      metrics.verified.inc({ platform: spec.platform });

      const traceparent = (res.locals as { traceparent?: string }).traceparent;
      const rows = eventRows({
        platform: spec.platform,
        rawBody,
        parsed,
        headers: keptHeaders(req.headers, String(req.id)),
        receivedAt,
      }).map((row) => (traceparent ? { ...row, traceparent } : row));
      const outcome = await committer.submit(rows);
      if (!outcome.ok) {
        res.set("Retry-After", "5");
        sendError(req, res, 503, `The event was not stored (${outcome.reason}); deliver it again`, "unavailable");
        return;
      }
      // Shopee counts any response body as a failed delivery.
      res.status(200).set("Content-Length", "0").end();
    };

  const bodyErrors =
    (platform: WebhookPlatform): ErrorRequestHandler =>
    (err: unknown, req, res, next) => {
      const type = (err as { type?: unknown }).type;
      if (type === "entity.too.large") {
        reject(req, res, platform, 413, "too_large", `Webhook bodies are limited to ${options.maxBodyBytes} bytes`);
        return;
      }
      if (type === "encoding.unsupported") {
        reject(req, res, platform, 415, "unsupported_encoding", "Webhook bodies must not be compressed");
        return;
      }
      if (type === "request.aborted" || type === "request.size.invalid") {
        metrics.rejected.inc({ platform, reason: "aborted" });
        if (!res.headersSent && !req.socket.destroyed) sendError(req, res, 400, "The request body was incomplete");
        return;
      }
      logger.error({ err, platform, requestId: String(req.id) }, "webhook request failed");
      if (!res.headersSent) sendError(req, res, 500, "Internal error; quote the request id when reporting it");
      else next(err);
    };

  /** These routes run before pino-http: give each request its id (echoed as X-Request-Id). */
  const requestId: RequestHandler = (req, res, next) => {
    req.id = assignRequestId(req, res);
    next();
  };

  /**
   * Each webhook request is a SERVER span (`POST /webhooks/<platform>`, a trace of its own); the
   * processing jobs of the events it stores carry its `traceparent`, so the worker's `job
   * process-webhook-event` span is its child. A no-op when the gateway does not trace.
   */
  const traceRequest =
    (platform: WebhookPlatform): RequestHandler =>
    (req, res, next) => {
      const route = `/webhooks/${platform}`;
      const span = startRequestSpan(`POST ${route}`, {
        "http.request.method": "POST",
        "http.route": route,
        "webhook.platform": platform,
        "http.request.id": String(req.id),
      });
      (res.locals as { traceparent?: string }).traceparent = span.traceparent;
      res.once("finish", () => span.end(res.statusCode));
      res.once("close", () => span.end(res.writableFinished ? res.statusCode : undefined));
      next();
    };

  const router = express.Router();
  for (const spec of Object.values(specs)) {
    router.post(
      `/webhooks/${spec.platform}`,
      requestId,
      traceRequest(spec.platform),
      count(spec.platform),
      readBody,
      receive(spec),
      bodyErrors(spec.platform),
    );
  }

  return {
    router,
    metrics,
    flushRejections: () => rejections.flush(),
    close: async () => {
      await committer.close();
      await Promise.all([rejections.close(), activity.close(), ...alerting]);
    },
  };
}
