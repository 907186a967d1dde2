import { type IncomingMessage, type ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { createRealtimeEmitter, type RealtimeEmitter } from "@syncstore/realtime";
import { startRequestSpan } from "@syncstore/services/tracing";
import { type Pool } from "pg";
import { type Histogram, type Registry } from "prom-client";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { assignRequestId } from "../http/request-id";
import { type Logger } from "../logger";
import { ActivityBroadcaster } from "./activity";
import { raiseGatewayAlert } from "./alerts";
import { GroupCommitter, type GroupCommitOptions } from "./group-commit";
import { clientAddress, readBody, sendEmpty, sendJsonError, webhookPlatformOf } from "./http";
import { LogThrottle } from "./log-throttle";
import { createWebhookMetrics, type RejectionReason, type WebhookMetrics } from "./metrics";
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
  /** Proxies in front of the gateway (TRUST_PROXY), for the address the bad-signature throttle counts. */
  trustProxy?: number;
  /** The gateway's request-duration histogram; webhook requests are timed into it as Express routes are. */
  requestDuration?: Histogram<"method" | "route" | "status_code">;
}

export interface WebhookIngestion {
  /**
   * Answers `POST /webhooks/shopee` and `POST /webhooks/tiktok` and returns true; returns false,
   * touching nothing, for any other request (the caller passes it on to Express).
   */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
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

  const trustProxy = options.trustProxy ?? 0;
  const routes = { shopee: "/webhooks/shopee", tiktok: "/webhooks/tiktok" } as const;

  /** One webhook request, from its first byte to its answer. */
  const receive = async (spec: PlatformSpec, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const receivedAt = new Date();
    const { platform } = spec;
    const requestId = assignRequestId(req, res);
    // A SERVER span per request (a trace of its own); the processing jobs of the events it stores
    // carry its `traceparent`, so the worker's `job process-webhook-event` span is its child. When
    // the gateway does not trace, the span records nothing and is not followed to the response.
    const span = startRequestSpan(`POST ${routes[platform]}`, {
      "http.request.method": "POST",
      "http.route": routes[platform],
      "webhook.platform": platform,
      "http.request.id": requestId,
    });
    const traceparent = span.traceparent;
    if (traceparent) {
      res.once("finish", () => span.end(res.statusCode));
      res.once("close", () => span.end(res.writableFinished ? res.statusCode : undefined));
    }
    const answered = (status: number) =>
      options.requestDuration?.observe(
        { method: "POST", route: routes[platform], status_code: String(status) },
        (performance.now() - started) / 1000,
      );
    const refuse = (status: number, reason: RejectionReason, message: string) => {
      metrics.rejected.inc({ platform, reason });
      sendJsonError(res, status, requestId, message, reason);
      answered(status);
    };
    metrics.received.inc({ platform });

    // Every request's body is read, so its signature can be checked first.
    const read = await readBody(req, options.maxBodyBytes);
    if (!read.ok) {
      if (read.reason === "too_large") {
        refuse(413, "too_large", `Webhook bodies are limited to ${options.maxBodyBytes} bytes`);
      } else if (read.reason === "unsupported_encoding") {
        refuse(415, "unsupported_encoding", "Webhook bodies must not be compressed");
      } else {
        metrics.rejected.inc({ platform, reason: "aborted" });
        if (!res.headersSent && !req.socket.destroyed) {
          sendJsonError(res, 400, requestId, "The request body was incomplete");
          answered(400);
        }
      }
      return;
    }
    const rawBody = read.body;
    const header = req.headers.authorization;
    const signature = typeof header === "string" ? header.trim() : "";
    /**
     * Refuses a request whose signature is missing or wrong. An address that keeps failing gets
     * 429 instead; the throttle is consulted only here, after the signature check, so a request
     * whose signature verifies is never refused by it, whoever else shares its address.
     */
    const refuseUnverified = async (reason: CountedRejection) => {
      const address = clientAddress(req, trustProxy);
      const claimedShopId = peekEnvelope(rawBody).shopId;
      rejections.record(platform, reason, claimedShopId);
      throttledLog.warn(reason, { platform, address, claimedShopId }, "webhook refused");
      if (reason !== "stale_timestamp") {
        const state = await limiter.get(address);
        if (state && state.consumedPoints >= options.badSignaturesPerMinute) {
          res.setHeader("Retry-After", String(Math.max(1, Math.ceil(state.msBeforeNext / 1000))));
          res.setHeader("Connection", "close");
          refuse(429, "throttled", "Too many webhook requests with bad signatures from this address");
          return;
        }
        await limiter.penalty(address, 1);
      }
      refuse(401, reason, messages[reason]);
    };
    if (!signature) return refuseUnverified("missing_signature");
    if (!spec.verify(rawBody, signature)) return refuseUnverified("invalid_signature");
    const parsed = spec.parse(rawBody);
    // A parsed message carries its timestamp; only an unparsed one needs a second look.
    const timestamp = parsed.ok ? parsed.sentAt && parsed.sentAt.getTime() / 1000 : peekEnvelope(rawBody).timestamp;
    if (!isTimestampAcceptable(timestamp, window)) return refuseUnverified("stale_timestamp");
    metrics.verified.inc({ platform });

    const rows = eventRows({
      platform,
      rawBody,
      parsed,
      headers: keptHeaders(req.headers, requestId),
      receivedAt,
    });
    if (traceparent) for (const row of rows) row.traceparent = traceparent;
    const outcome = await committer.submit(rows);
    if (!outcome.ok) {
      res.setHeader("Retry-After", "5");
      sendJsonError(
        res,
        503,
        requestId,
        `The event was not stored (${outcome.reason}); deliver it again`,
        "unavailable",
      );
      answered(503);
      return;
    }
    sendEmpty(res);
    answered(200);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): boolean => {
    const platform = webhookPlatformOf(req);
    if (!platform) return false;
    receive(specs[platform], req, res).catch((err: unknown) => {
      const requestId = res.getHeader("X-Request-Id");
      logger.error({ err, platform, requestId }, "webhook request failed");
      if (!res.headersSent) {
        sendJsonError(res, 500, String(requestId), "Internal error; quote the request id when reporting it");
      }
    });
    return true;
  };

  return {
    handle,
    metrics,
    flushRejections: () => rejections.flush(),
    close: async () => {
      await committer.close();
      await Promise.all([rejections.close(), activity.close(), ...alerting]);
    },
  };
}
