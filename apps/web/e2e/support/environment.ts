import { randomBytes } from "node:crypto";
import { createServer } from "node:net";

/**
 * Everything the end-to-end stack needs, decided once in Playwright's main process and kept in
 * `process.env` so the worker processes (which load the config again) agree on it.
 */
export type E2eEnvironment = {
  webUrl: string;
  gatewayUrl: string;
  databaseUrl: string;
  /** The marketplace simulator's admin UI and API (apps/marketplace-sim). */
  simUrl: string;
  /** The simulated platform hosts the web app's channel adapters talk to, one port each as in production. */
  simHosts: { shopee: string; tiktok: string; tiktokAuth: string };
  /** Environment for the simulator. */
  simEnv: Record<string, string>;
  /** Environment for the web app, gateway and worker under test. */
  serverEnv: Record<string, string>;
  /** The real SMTP server the worker sends mail to, and where a journey reads what arrived. */
  smtp: { url: string; messagesUrl: string; healthUrl: string; env: Record<string, string> };
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** A fresh database on the server TEST_DATABASE_URL points at, so runs never share state. */
export function e2eDatabaseUrl(testDatabaseUrl: string): string {
  const url = new URL(testDatabaseUrl);
  url.pathname = `/syncstore_e2e_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  return url.toString();
}

export async function e2eEnvironment(): Promise<E2eEnvironment> {
  if (!process.env.E2E_DATABASE_URL) {
    const testDatabaseUrl = process.env.TEST_DATABASE_URL;
    if (!testDatabaseUrl) {
      throw new Error(
        "TEST_DATABASE_URL is not set. Run the end-to-end tests through `npm test` at the repository root " +
          "(it starts an embedded PostgreSQL), or set TEST_DATABASE_URL to a PostgreSQL server where a " +
          "throwaway database may be created.",
      );
    }
    const [webPort, gatewayPort, simPort, shopeePort, tiktokPort, tiktokAuthPort, smtpPort, smtpHttpPort] =
      await Promise.all([
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort(),
      ]);
    process.env.E2E_DATABASE_URL = e2eDatabaseUrl(testDatabaseUrl);
    process.env.E2E_WEB_PORT = String(webPort);
    process.env.E2E_GATEWAY_PORT = String(gatewayPort);
    process.env.E2E_SIM_PORT = String(simPort);
    process.env.E2E_SIM_SHOPEE_PORT = String(shopeePort);
    process.env.E2E_SIM_TIKTOK_PORT = String(tiktokPort);
    process.env.E2E_SIM_TIKTOK_AUTH_PORT = String(tiktokAuthPort);
    process.env.E2E_SMTP_PORT = String(smtpPort);
    process.env.E2E_SMTP_HTTP_PORT = String(smtpHttpPort);
    process.env.E2E_AUTH_SECRET = randomBytes(32).toString("hex");
    process.env.E2E_TOKEN_KEY = randomBytes(32).toString("base64");
  }
  const webPort = process.env.E2E_WEB_PORT ?? "";
  const gatewayPort = process.env.E2E_GATEWAY_PORT ?? "";
  // Same host for both: the session cookie is shared by the web app and the gateway's socket.io.
  const webUrl = `http://localhost:${webPort}`;
  const gatewayUrl = `http://localhost:${gatewayPort}`;
  const databaseUrl = process.env.E2E_DATABASE_URL;
  const simPort = process.env.E2E_SIM_PORT ?? "";
  const simUrl = `http://localhost:${simPort}`;
  const simPorts = {
    shopee: process.env.E2E_SIM_SHOPEE_PORT ?? "",
    tiktok: process.env.E2E_SIM_TIKTOK_PORT ?? "",
    tiktokAuth: process.env.E2E_SIM_TIKTOK_AUTH_PORT ?? "",
  };
  const simHosts = {
    shopee: `http://localhost:${simPorts.shopee}`,
    tiktok: `http://localhost:${simPorts.tiktok}`,
    tiktokAuth: `http://localhost:${simPorts.tiktokAuth}`,
  };
  const smtpPort = process.env.E2E_SMTP_PORT ?? "";
  const smtpHttpPort = process.env.E2E_SMTP_HTTP_PORT ?? "";
  const smtpUrl = `smtp://127.0.0.1:${smtpPort}`;
  return {
    webUrl,
    gatewayUrl,
    databaseUrl,
    smtp: {
      url: smtpUrl,
      messagesUrl: `http://127.0.0.1:${smtpHttpPort}/messages`,
      healthUrl: `http://127.0.0.1:${smtpHttpPort}/healthz`,
      env: { SMTP_SINK_PORT: smtpPort, SMTP_SINK_HTTP_PORT: smtpHttpPort },
    },
    simUrl,
    simHosts,
    simEnv: {
      SIM_PORT: simPort,
      SIM_SHOPEE_PORT: simPorts.shopee,
      SIM_TIKTOK_PORT: simPorts.tiktok,
      SIM_TIKTOK_AUTH_PORT: simPorts.tiktokAuth,
      SIM_SNAPSHOT: "",
      SIM_TIKTOK_REDIRECT_URL: `${webUrl}/api/channels/tiktok/callback`,
      // Signed webhooks go to the gateway under test (GATEWAY_URL is its public URL here).
      SIM_SHOPEE_WEBHOOK_URL: `${gatewayUrl}/webhooks/shopee`,
      SIM_TIKTOK_WEBHOOK_URL: `${gatewayUrl}/webhooks/tiktok`,
      LOG_LEVEL: "info",
    },
    serverEnv: {
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      WEB_PORT: webPort,
      GATEWAY_PORT: gatewayPort,
      WEB_URL: webUrl,
      GATEWAY_URL: gatewayUrl,
      BETTER_AUTH_SECRET: process.env.E2E_AUTH_SECRET ?? "",
      TOKEN_ENCRYPTION_KEY: process.env.E2E_TOKEN_KEY ?? "",
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
      // Every journey signs up (and then signs in) from the same address: the per-address limit of
      // production would refuse the suite itself. Its behaviour has its own tests.
      AUTH_RATE_LIMIT_MAX: "1000",
      WORKER_CRON: "false",
      SHOPEE_API_BASE_URL: simHosts.shopee,
      TIKTOK_API_BASE_URL: simHosts.tiktok,
      TIKTOK_AUTH_BASE_URL: simHosts.tiktokAuth,
      TIKTOK_AUTHORIZE_URL: `${simHosts.tiktokAuth}/open/authorize`,
      // Mail (invitations, scheduled reports) goes to the SMTP server the run starts.
      SMTP_URL: smtpUrl,
    },
  };
}

/** Whether `url` is one of the simulator's pages (a platform's authorize page, or its admin UI). */
export function isSimulatorPage(env: E2eEnvironment, url: URL | string): boolean {
  const origin = new URL(url).origin;
  return [env.simUrl, env.simHosts.shopee, env.simHosts.tiktok, env.simHosts.tiktokAuth].some(
    (base) => new URL(base).origin === origin,
  );
}
