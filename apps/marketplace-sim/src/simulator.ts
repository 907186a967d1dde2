import { createServer, type Server } from "node:http";
import { type AddressInfo } from "node:net";
import { randomInt } from "node:crypto";
import express, { type ErrorRequestHandler, type Express } from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import { adminApi } from "./admin/api";
import { TrafficModel } from "./analytics/traffic";
import { adminUi } from "./admin/ui";
import { type Clock, systemClock } from "./clock";
import { type SimContext } from "./context";
import { devShopeeApp, devTikTokApp, type ShopeeAppCredentials, type TikTokAppCredentials } from "./credentials";
import { ShopEvents } from "./events";
import { type DefaultRateLimits, FaultRegistry, platformRateLimits, TrafficCounters } from "./faults";
import { RequestGuard } from "./http/guard";
import { type Logger, redactUrl } from "./logger";
import { createRandom } from "./random";
import { SellerCentre } from "./seller-centre";
import { shopeeAnalyticsRoutes } from "./shopee/analytics-routes";
import { shopeeAuthRoutes } from "./shopee/auth-routes";
import { shopeeProductRoutes } from "./shopee/product-routes";
import { shopeeShopRoutes } from "./shopee/shop-routes";
import { readSnapshot, writeSnapshot } from "./store/snapshot";
import { SimStore } from "./store/store";
import { emptyState, type Platform } from "./store/types";
import { tiktokAnalyticsRoutes } from "./tiktok/analytics-routes";
import { tiktokAuthRoutes } from "./tiktok/auth-routes";
import { tiktokProductRoutes } from "./tiktok/product-routes";
import { tiktokShopRoutes } from "./tiktok/shop-routes";
import { type WebhookTargets, WebhookDispatcher } from "./webhooks/dispatcher";

export interface SimulatorOptions {
  logger: Logger;
  /** Where seller-side events are pushed, per platform (changeable through the admin API). */
  webhookTargets?: WebhookTargets;
  clock?: Clock;
  /** Seed of the pseudo-random source (ids, tokens, fault decisions); random when omitted. */
  seed?: number;
  /** Start with one demo shop per platform and a few products (default true). */
  demoData?: boolean;
  apps?: { shopee?: ShopeeAppCredentials; tiktok?: TikTokAppCredentials };
  /** Platform defaults: TikTok 50 requests/s per API per shop, Shopee unlimited. */
  defaultRateLimits?: Partial<DefaultRateLimits>;
  /** Retry delays after failed webhook deliveries (defaults: each platform's schedule). */
  webhookRetryDelaysMs?: Partial<Record<Platform, number[]>>;
  /** Multiplies retry delays, e.g. 0.001 so Shopee's 5 minutes become 300 ms. */
  webhookTimeScale?: number;
  webhookTimeoutMs?: number;
  webhookReorderWindowMs?: number;
  /** JSON file the state is loaded from at start and saved to every few seconds and on close. */
  snapshotPath?: string;
}

export interface Simulator {
  app: Express;
  server: Server;
  ctx: SimContext;
  seller: SellerCentre;
  /** Listens on `port` (0 picks a free one) and resolves with the bound port. */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  override readonly name = "PortInUseError";
  constructor(readonly port: number) {
    super(
      `Port ${port} is already in use, so the marketplace simulator cannot start. Stop the process using it or set SIM_PORT to a free port.`,
    );
  }
}

const SNAPSHOT_INTERVAL_MS = 2_000;

/** Builds the simulator: Shopee under /shopee, TikTok Shop under /tiktok and /tiktok-auth, admin at / and /admin. */
export function createSimulator(options: SimulatorOptions): Simulator {
  const clock = options.clock ?? systemClock;
  const seed = options.seed ?? randomInt(2 ** 31);
  const random = createRandom(seed);
  const snapshot = options.snapshotPath ? readSnapshot(options.snapshotPath) : undefined;
  const store = new SimStore(clock, random, snapshot);
  const faults = new FaultRegistry({ ...platformRateLimits, ...options.defaultRateLimits });
  const counters = new TrafficCounters();
  const apps = { shopee: options.apps?.shopee ?? devShopeeApp, tiktok: options.apps?.tiktok ?? devTikTokApp };
  const dispatcher = new WebhookDispatcher({
    logger: options.logger.child({ component: "webhooks" }),
    clock,
    random,
    faults,
    apps,
    targets: options.webhookTargets,
    retryDelaysMs: options.webhookRetryDelaysMs,
    timeScale: options.webhookTimeScale,
    deliveryTimeoutMs: options.webhookTimeoutMs,
    reorderWindowMs: options.webhookReorderWindowMs,
  });
  const ctx: SimContext = {
    store,
    clock,
    random,
    logger: options.logger,
    faults,
    counters,
    guard: new RequestGuard(faults, counters, clock, random),
    dispatcher,
    apps,
    traffic: new TrafficModel(seed),
  };
  const events = new ShopEvents(ctx);
  const seller = new SellerCentre(ctx, events);

  const seedDemo = () => {
    if (options.demoData === false) return;
    seller.createShop("shopee", { name: "Shopee Demo Store", region: "SG", products: 6 });
    seller.createShop("tiktok", { name: "TikTok Demo Store", region: "US", products: 6 });
  };
  if (!snapshot) seedDemo();

  const app = express();
  app.disable("x-powered-by");
  app.use(
    pinoHttp({
      logger: options.logger,
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  // Pages are server-rendered without scripts. Forms must be allowed to redirect to the partner's
  // OAuth callback on another origin, and localhost must not be upgraded to https.
  app.use(helmet({ contentSecurityPolicy: { directives: { formAction: null, upgradeInsecureRequests: null } } }));

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });

  // Platform APIs see the exact body bytes: TikTok signs them.
  const raw = express.raw({ type: () => true, limit: "10mb" });
  app.use(
    "/shopee",
    raw,
    shopeeAuthRoutes(ctx, events),
    shopeeShopRoutes(ctx),
    shopeeProductRoutes(ctx),
    shopeeAnalyticsRoutes(ctx),
  );
  app.use("/tiktok-auth", raw, tiktokAuthRoutes(ctx, events));
  app.use("/tiktok", raw, tiktokShopRoutes(ctx), tiktokProductRoutes(ctx), tiktokAnalyticsRoutes(ctx));
  app.use(
    "/admin",
    adminApi(ctx, seller, () => {
      store.state = emptyState();
      dispatcher.clear();
      seedDemo();
    }),
  );
  app.use(adminUi(ctx, seller));

  app.use((req, res) => {
    res.status(404).json({
      error: { code: "NOT_FOUND", message: `No route for ${req.method} ${req.path}` },
      requestId: String(req.id),
    });
  });
  const onError: ErrorRequestHandler = (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const status =
      typeof err === "object" &&
      err !== null &&
      "status" in err &&
      typeof err.status === "number" &&
      err.status >= 400 &&
      err.status < 500
        ? err.status
        : 500;
    if (status === 500) req.log.error({ err }, "request failed");
    res.status(status).json({
      error: {
        code: status === 500 ? "INTERNAL" : "BAD_REQUEST",
        message: status === 500 ? "Internal error" : String((err as Error).message),
      },
      requestId: String(req.id),
    });
  };
  app.use(onError);

  const server = createServer(app);
  let lastSaved = "";
  const save = () => {
    if (!options.snapshotPath) return;
    store.prune();
    const json = JSON.stringify(store.state);
    if (json === lastSaved) return;
    try {
      writeSnapshot(options.snapshotPath, json);
      lastSaved = json;
    } catch (err) {
      options.logger.error({ err, path: options.snapshotPath }, "could not write the simulator snapshot");
    }
  };
  const saver = options.snapshotPath ? setInterval(save, SNAPSHOT_INTERVAL_MS) : undefined;
  saver?.unref();

  let closing: Promise<void> | undefined;
  return {
    app,
    server,
    ctx,
    seller,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        const onListenError = (err: NodeJS.ErrnoException) => {
          server.off("listening", onListening);
          reject(err.code === "EADDRINUSE" ? new PortInUseError(port) : err);
        };
        const onListening = () => {
          server.off("error", onListenError);
          resolve((server.address() as AddressInfo).port);
        };
        server.once("error", onListenError);
        server.once("listening", onListening);
        server.listen(port, host);
      }),
    close: () => {
      closing ??= (async () => {
        if (saver) clearInterval(saver);
        await dispatcher.close();
        ctx.guard.releaseHanging();
        await new Promise<void>((resolve, reject) => {
          server.close((err) => {
            const code = (err as NodeJS.ErrnoException | undefined)?.code;
            if (err && code !== "ERR_SERVER_NOT_RUNNING") reject(err);
            else resolve();
          });
          server.closeIdleConnections();
        });
        save();
      })();
      return closing;
    },
  };
}
