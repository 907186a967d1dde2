/**
 * The process under load in `pnpm bench:webhooks`: either the real gateway app with webhooks
 * (BENCH_MODE=gateway, served as `npm start` serves it: `createGatewayApp`'s listener) or a bare
 * node:http endpoint that reads the body and answers 200 (BENCH_MODE=bare, the HTTP ceiling: the
 * webhook routes run on node:http too). Runs apart from the load generator so each has its own
 * event loop. Prints `listening <port>` when ready and stops on SIGTERM.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type AddressInfo } from "node:net";
import { migrationsList } from "@syncstore/db";
import pg from "pg";
import { createGatewayApp } from "../src/app";
import { createLogger } from "../src/logger";

const mode = process.env.BENCH_MODE ?? "gateway";
const server = createServer();
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const port = (server.address() as AddressInfo).port;
let stop: () => Promise<void> = async () => undefined;

if (mode === "bare") {
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      Buffer.concat(chunks);
      res.writeHead(200, { "Content-Length": "0" });
      res.end();
    });
  });
} else {
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_MAX ?? 10),
    application_name: "syncstore-gateway-bench",
  });
  pool.on("error", () => undefined);
  const { listener, webhooks } = createGatewayApp({
    metricsToken: process.env.BENCH_METRICS_TOKEN,
    pool,
    logger: createLogger("info"),
    expectedMigrations: migrationsList.map((migration) => migration.name),
    webhooks: {
      credentials: {
        shopee: {
          partnerKey: process.env.BENCH_SHOPEE_KEY ?? "",
          callbackUrl: `http://127.0.0.1:${port}/webhooks/shopee`,
        },
        tiktok: { appKey: process.env.BENCH_TIKTOK_APP_KEY ?? "", appSecret: process.env.BENCH_TIKTOK_SECRET ?? "" },
      },
      maxBodyBytes: 262_144,
      maxAgeSeconds: 86_400,
      // The forgery run measures what a refusal costs; the per-address limiter would answer 429 sooner.
      badSignaturesPerMinute: 1_000_000_000,
      // Group-commit knobs, for comparing settings (default: the gateway's own).
      batch: {
        ...(process.env.BENCH_IN_FLIGHT ? { maxInFlight: Number(process.env.BENCH_IN_FLIGHT) } : {}),
        ...(process.env.BENCH_WAIT_MS ? { waitMs: Number(process.env.BENCH_WAIT_MS) } : {}),
      },
    },
  });
  server.on("request", listener);
  stop = async () => {
    await webhooks?.close();
    await pool.end();
  };
}

process.stdout.write(`listening ${port}\n`);
process.once("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => {
    void stop().then(() => process.exit(0));
  });
});
