import { createServer, type Server } from "node:http";
import { type AddressInfo } from "node:net";
import { randomInt } from "node:crypto";
import express, { type ErrorRequestHandler, type Express, type RequestHandler, type Router } from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import { adminApi } from "./admin/api";
import { TrafficModel } from "./analytics/traffic";
import { adminUi } from "./admin/ui";
import { type Clock, systemClock } from "./clock";
import { defaultProtocolOptions, type ProtocolOptions, type SimContext } from "./context";
import { devShopeeApp, devTikTokApp, type ShopeeAppCredentials, type TikTokAppCredentials } from "./credentials";
import { ContentReview } from "./content-review";
import { ShopEvents } from "./events";
import { type DefaultRateLimits, FaultRegistry, platformRateLimits, TrafficCounters } from "./faults";
import { RequestGuard } from "./http/guard";
import { servedRoutes, type ServedRoute } from "./http/routes";
import { clientErrorStatus } from "./http/status";
import { type Logger, redactUrl } from "./logger";
import { createRandom } from "./random";
import { SellerCentre } from "./seller-centre";
import { shopeeAnalyticsRoutes } from "./shopee/analytics-routes";
import { shopeeAuthRoutes } from "./shopee/auth-routes";
import { shopeeProductRoutes } from "./shopee/product-routes";
import { shopeeShopRoutes } from "./shopee/shop-routes";
import { shopeeLogisticsRoutes } from "./shopee/logistics-routes";
import { shopeeOpenAuthRoutes } from "./shopee/open-auth-routes";
import { readSnapshot, writeSnapshot } from "./store/snapshot";
import { SimStore } from "./store/store";
import { emptyState, type Platform } from "./store/types";
import { tiktokAnalyticsRoutes } from "./tiktok/analytics-routes";
import { tiktokAuthRoutes } from "./tiktok/auth-routes";
import { tiktokProductRoutes } from "./tiktok/product-routes";
import { tiktokShopRoutes } from "./tiktok/shop-routes";
import { shopeeErrorHandler, shopeeNotFound } from "./shopee/unknown";
import { tiktokErrorHandler, tiktokNotFound } from "./tiktok/unknown";
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
  /** Unconfirmed protocol points (see ProtocolOptions). */
  protocol?: Partial<ProtocolOptions>;
}

/**
 * Each platform has its own listener, so the path a client requests is the path it signs, exactly
 * as against the real hosts: Shopee `partner.shopeemobile.com`, TikTok Shop
 * `open-api.tiktokglobalshop.com`, TikTok's auth host `auth.tiktok-shops.com` (which here also
 * serves the seller's authorize page of `services.tiktokshop.com`), and the admin UI and API.
 */
export type SimulatorEndpoint = "admin" | "shopee" | "tiktok" | "tiktokAuth";

export const simulatorEndpoints: readonly SimulatorEndpoint[] = ["shopee", "tiktok", "tiktokAuth", "admin"];

export type SimulatorPorts = Record<SimulatorEndpoint, number>;

/** The environment variable that sets each listener's port, and its default. */
export const simulatorPortVariables: Record<SimulatorEndpoint, { variable: string; defaultPort: number }> = {
  admin: { variable: "SIM_PORT", defaultPort: 4100 },
  shopee: { variable: "SIM_SHOPEE_PORT", defaultPort: 4101 },
  tiktok: { variable: "SIM_TIKTOK_PORT", defaultPort: 4102 },
  tiktokAuth: { variable: "SIM_TIKTOK_AUTH_PORT", defaultPort: 4103 },
};

export interface Simulator {
  /** One Express app per listener. */
  apps: Record<SimulatorEndpoint, Express>;
  servers: Record<SimulatorEndpoint, Server>;
  ctx: SimContext;
  seller: SellerCentre;
  /**
   * Listens on each endpoint's port (0 or omitted picks a free one), the platforms first and the
   * admin API (with /healthz) last, so a healthy admin means every platform host is up. Resolves
   * with the bound ports.
   */
  listen(ports?: Partial<SimulatorPorts>, host?: string): Promise<SimulatorPorts>;
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  override readonly name = "PortInUseError";
  constructor(
    readonly port: number,
    readonly endpoint: SimulatorEndpoint = "admin",
  ) {
    const { variable } = simulatorPortVariables[endpoint];
    super(
      `Port ${port} is already in use, so the marketplace simulator cannot start its ${endpoint} listener. Stop the process using it or set ${variable} to a free port.`,
    );
  }
}

const SNAPSHOT_INTERVAL_MS = 2_000;

/** Builds the simulator: one listener each for Shopee, TikTok Shop, TikTok's auth host and the admin UI/API. */
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
    protocol: { ...defaultProtocolOptions, ...options.protocol },
  };
  const events = new ShopEvents(ctx);
  const review = new ContentReview(ctx, events);
  const seller = new SellerCentre(ctx, events, review);

  const seedDemo = () => {
    if (options.demoData === false) return;
    seller.createShop("shopee", { name: "Shopee Demo Store", region: "SG", products: 6 });
    seller.createShop("tiktok", { name: "TikTok Demo Store", region: "US", products: 6 });
  };
  if (!snapshot) seedDemo();

  const baseApp = (): Express => {
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
    return app;
  };

  // Platform APIs see the exact body bytes: TikTok signs them.
  const raw = express.raw({ type: () => true, limit: "10mb" });

  // Each platform host: its routers, then its own envelope for anything they do not serve.
  const platformApp = (
    routers: Router[],
    notFound: (routes: ServedRoute[]) => RequestHandler,
    onError: ErrorRequestHandler,
  ): Express => {
    const platform = baseApp();
    platform.use(raw, ...routers);
    platform.use(notFound(servedRoutes(routers)));
    platform.use(onError);
    return platform;
  };
  const shopeeApp = platformApp(
    [
      shopeeAuthRoutes(ctx, events),
      shopeeOpenAuthRoutes(ctx, events),
      shopeeShopRoutes(ctx),
      shopeeProductRoutes(ctx),
      shopeeLogisticsRoutes(ctx),
      shopeeAnalyticsRoutes(ctx),
    ],
    (routes) => shopeeNotFound(ctx, routes),
    shopeeErrorHandler(ctx),
  );
  const tiktokApp = platformApp(
    [tiktokShopRoutes(ctx), tiktokProductRoutes(ctx, review), tiktokAnalyticsRoutes(ctx)],
    (routes) => tiktokNotFound(ctx, routes),
    tiktokErrorHandler(ctx),
  );
  const tiktokAuthApp = platformApp(
    [tiktokAuthRoutes(ctx, events)],
    (routes) => tiktokNotFound(ctx, routes),
    tiktokErrorHandler(ctx),
  );

  const app = baseApp();
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.use(
    "/admin",
    adminApi(ctx, seller, () => {
      store.state = emptyState();
      dispatcher.clear();
      seedDemo();
    }),
  );
  app.use(adminUi(ctx, seller, () => urls));

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
    const status = clientErrorStatus(err);
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

  const expressApps: Record<SimulatorEndpoint, Express> = {
    admin: app,
    shopee: shopeeApp,
    tiktok: tiktokApp,
    tiktokAuth: tiktokAuthApp,
  };
  const servers: Record<SimulatorEndpoint, Server> = {
    admin: createServer(app),
    shopee: createServer(shopeeApp),
    tiktok: createServer(tiktokApp),
    tiktokAuth: createServer(tiktokAuthApp),
  };
  let urls: SimulatorUrls | undefined;

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

  const listenOne = (endpoint: SimulatorEndpoint, port: number, host: string | undefined) =>
    new Promise<number>((resolve, reject) => {
      const server = servers[endpoint];
      const onListenError = (err: NodeJS.ErrnoException) => {
        server.off("listening", onListening);
        reject(err.code === "EADDRINUSE" ? new PortInUseError(port, endpoint) : err);
      };
      const onListening = () => {
        server.off("error", onListenError);
        resolve((server.address() as AddressInfo).port);
      };
      server.once("error", onListenError);
      server.once("listening", onListening);
      server.listen(port, host);
    });

  let closing: Promise<void> | undefined;
  return {
    apps: expressApps,
    servers,
    ctx,
    seller,
    listen: async (ports = {}, host) => {
      const bound = { admin: 0, shopee: 0, tiktok: 0, tiktokAuth: 0 };
      for (const endpoint of simulatorEndpoints)
        bound[endpoint] = await listenOne(endpoint, ports[endpoint] ?? 0, host);
      urls = simulatorUrls(bound, host);
      return bound;
    },
    close: () => {
      closing ??= (async () => {
        if (saver) clearInterval(saver);
        review.close();
        await dispatcher.close();
        ctx.guard.releaseHanging();
        await Promise.all(
          Object.values(servers).map(
            (server) =>
              new Promise<void>((resolve, reject) => {
                server.close((err) => {
                  const code = (err as NodeJS.ErrnoException | undefined)?.code;
                  if (err && code !== "ERR_SERVER_NOT_RUNNING") reject(err);
                  else resolve();
                });
                server.closeIdleConnections();
              }),
          ),
        );
        save();
      })();
      return closing;
    },
  };
}

export type SimulatorUrls = Record<SimulatorEndpoint, string>;

/** Base URLs of the bound listeners (what SHOPEE_API_BASE_URL and friends point at). */
export function simulatorUrls(ports: SimulatorPorts, host?: string): SimulatorUrls {
  const name = !host || host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  return {
    admin: `http://${name}:${ports.admin}`,
    shopee: `http://${name}:${ports.shopee}`,
    tiktok: `http://${name}:${ports.tiktok}`,
    tiktokAuth: `http://${name}:${ports.tiktokAuth}`,
  };
}
