import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/*
 * apps/marketplace-sim over real HTTP, started as a child process (a package must not import an
 * app, and the simulator itself depends on this package). Its seeded apps match `testChannelEnv`.
 */
const simDir = join(dirname(fileURLToPath(import.meta.url)), "../../../../apps/marketplace-sim");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningSimulator {
  /** The admin UI and API (`/admin/...`). */
  base: string;
  /** Each platform's host, as production's are separate hosts: the path requested is the path signed. */
  urls: { shopee: string; tiktok: string; tiktokAuth: string };
  /** Channel settings pointing the adapters at this simulator. */
  env: {
    SHOPEE_API_BASE_URL: string;
    TIKTOK_API_BASE_URL: string;
    TIKTOK_AUTH_BASE_URL: string;
    TIKTOK_AUTHORIZE_URL: string;
  };
  admin<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** Plays the seller on the simulator's authorize page; returns where it redirected. */
  authorize(pageUrl: string, shopId: string): Promise<URL>;
  stop(): void;
}

/** `env` adds simulator variables, e.g. `SIM_WEBHOOK_TIME_SCALE` to compress webhook retry delays. */
export async function startSimulator(seed = "11", env: Record<string, string> = {}): Promise<RunningSimulator> {
  const [port, shopeePort, tiktokPort, tiktokAuthPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const base = `http://127.0.0.1:${port}`;
  const urls = {
    shopee: `http://127.0.0.1:${shopeePort}`,
    tiktok: `http://127.0.0.1:${tiktokPort}`,
    tiktokAuth: `http://127.0.0.1:${tiktokAuthPort}`,
  };
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: simDir,
    env: {
      ...process.env,
      SIM_PORT: String(port),
      SIM_SHOPEE_PORT: String(shopeePort),
      SIM_TIKTOK_PORT: String(tiktokPort),
      SIM_TIKTOK_AUTH_PORT: String(tiktokAuthPort),
      SIM_SEED: seed,
      LOG_LEVEL: "silent",
      SIM_SNAPSHOT: "",
      ...env,
    },
    stdio: "ignore",
  });
  // SIM_START_TIMEOUT_MS: more time on a busy machine (a benchmark sharing its cores).
  const startTimeoutMs = Number(process.env.SIM_START_TIMEOUT_MS ?? 60_000);
  const started = Date.now();
  for (;;) {
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() - started > startTimeoutMs) {
      child.kill();
      throw new Error(`the simulator did not start within ${startTimeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${base}/admin${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`admin ${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async function authorize(pageUrl: string, shopId: string): Promise<URL> {
    const page = await fetch(pageUrl);
    const html = await page.text();
    if (page.status !== 200) throw new Error(`authorize page ${pageUrl}: ${page.status} ${html.slice(0, 200)}`);
    const hidden = Object.fromEntries(
      [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
        m[1] ?? "",
        (m[2] ?? "").replaceAll("&amp;", "&"),
      ]),
    );
    const action = (/<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? "").replaceAll("&amp;", "&");
    const submitted = await fetch(new URL(action, pageUrl), {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams({ ...hidden, shop_id: shopId }),
    });
    return new URL(submitted.headers.get("location") ?? "");
  }

  return {
    base,
    urls,
    env: {
      SHOPEE_API_BASE_URL: urls.shopee,
      TIKTOK_API_BASE_URL: urls.tiktok,
      TIKTOK_AUTH_BASE_URL: urls.tiktokAuth,
      TIKTOK_AUTHORIZE_URL: `${urls.tiktokAuth}/open/authorize`,
    },
    admin,
    authorize,
    stop: () => child.kill("SIGTERM"),
  };
}
