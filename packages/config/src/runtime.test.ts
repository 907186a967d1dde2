import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import {
  findRepoRoot,
  getConfig,
  parseEnv,
  productionSecrets,
  readLocalEnvFile,
  resetConfigForTests,
  webhookCallbackUrls,
} from ".";
import { createLogger } from "./logger";

const valid = {
  DATABASE_URL: "postgres://u@localhost:5432/db",
  BETTER_AUTH_SECRET: "s".repeat(40),
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

function tempRepo(): string {
  const root = mkdtempSync(join(tmpdir(), "syncstore-config-root-"));
  writeFileSync(join(root, "pnpm-workspace.yaml"), "packages: []\n");
  return root;
}

describe("finding the repository and its .env.local", () => {
  it("walks up to the folder holding pnpm-workspace.yaml, and finds none outside a repository", () => {
    const root = tempRepo();
    const deep = join(root, "apps", "web", "src");
    mkdirSync(deep, { recursive: true });
    expect(findRepoRoot(deep)).toBe(root);
    expect(findRepoRoot(root)).toBe(root);
    expect(findRepoRoot(mkdtempSync(join(tmpdir(), "syncstore-no-repo-")))).toBeUndefined();
  });

  it("reads .env.local at the root, and nothing when there is no file or no root", () => {
    const root = tempRepo();
    expect(readLocalEnvFile(root)).toEqual({});
    writeFileSync(join(root, ".env.local"), "# comment\nWEB_PORT=3100\nSMTP_URL=\n");
    expect(readLocalEnvFile(root)).toEqual({ WEB_PORT: "3100", SMTP_URL: "" });
    // No root at all (outside a repository): nothing. (`undefined` would look up this repository.)
    expect(readLocalEnvFile("")).toEqual({});
  });
});

describe("getConfig", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    resetConfigForTests();
  });

  it("parses the environment once and keeps the result until reset", () => {
    process.env = { ...saved, ...valid, NODE_ENV: "production", WEB_PORT: "3201" };
    resetConfigForTests();
    const first = getConfig();
    expect(first.WEB_PORT).toBe(3201);
    process.env.WEB_PORT = "3202";
    expect(getConfig()).toBe(first);
    resetConfigForTests();
    expect(getConfig().WEB_PORT).toBe(3202);
  });
});

describe("variables with rules of their own", () => {
  it("TRUST_PROXY is false, true (one hop) or a hop count, and nothing else", () => {
    expect(parseEnv({ ...valid }).TRUST_PROXY).toBe(0);
    expect(parseEnv({ ...valid, TRUST_PROXY: "true" }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ ...valid, TRUST_PROXY: "false" }).TRUST_PROXY).toBe(0);
    expect(parseEnv({ ...valid, TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(() => parseEnv({ ...valid, TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY is true, false or the number/);
  });

  it("flags accept true/false/1/0 only", () => {
    expect(parseEnv({ ...valid, WORKER_CRON: "1" }).WORKER_CRON).toBe(true);
    expect(parseEnv({ ...valid, WORKER_CRON: "false" }).WORKER_CRON).toBe(false);
    expect(() => parseEnv({ ...valid, WORKER_CRON: "on" })).toThrow(/WORKER_CRON/);
  });

  it("a metrics token is at least 16 characters", () => {
    expect(() => parseEnv({ ...valid, METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN/);
    expect(parseEnv({ ...valid, METRICS_TOKEN: "t".repeat(16) }).METRICS_TOKEN).toBe("t".repeat(16));
  });

  it("production secrets are the two that have no development default", () => {
    expect([...productionSecrets]).toEqual(["BETTER_AUTH_SECRET", "TOKEN_ENCRYPTION_KEY"]);
  });
});

describe("webhookCallbackUrls", () => {
  it("uses the public gateway URL when set, without doubled slashes", () => {
    expect(webhookCallbackUrls({ GATEWAY_URL: "http://localhost:4000", GATEWAY_PUBLIC_URL: undefined })).toEqual({
      shopee: "http://localhost:4000/webhooks/shopee",
      tiktok: "http://localhost:4000/webhooks/tiktok",
    });
    expect(
      webhookCallbackUrls({ GATEWAY_URL: "http://localhost:4000", GATEWAY_PUBLIC_URL: "https://hooks.example.com//" }),
    ).toEqual({
      shopee: "https://hooks.example.com/webhooks/shopee",
      tiktok: "https://hooks.example.com/webhooks/tiktok",
    });
  });
});

describe("createLogger", () => {
  function capture() {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    return { lines, destination };
  }

  it("writes JSON with the service name and censors credentials, always and on request", () => {
    const { lines, destination } = capture();
    const logger = createLogger({ service: "gateway", level: "debug", redact: ["shop.secret"], destination });
    logger.debug(
      {
        req: { headers: { authorization: "Bearer abc", cookie: "s=1", accept: "*/*" } },
        user: { password: "hunter2", token: "t", accessToken: "a", refreshToken: "r" },
        shop: { secret: "x", name: "Shop" },
      },
      "hello",
    );
    const entry = JSON.parse(lines[0] ?? "{}") as Record<string, Record<string, unknown>>;
    expect(entry.service).toBe("gateway");
    expect(entry.msg).toBe("hello");
    expect(entry.req).toEqual({ headers: { authorization: "[redacted]", cookie: "[redacted]", accept: "*/*" } });
    expect(entry.user).toEqual({
      password: "[redacted]",
      token: "[redacted]",
      accessToken: "[redacted]",
      refreshToken: "[redacted]",
    });
    expect(entry.shop).toEqual({ secret: "[redacted]", name: "Shop" });
  });

  it("keeps to its level (info by default)", () => {
    const { lines, destination } = capture();
    const logger = createLogger({ service: "worker", destination });
    logger.debug("hidden");
    logger.info("shown");
    expect(lines).toHaveLength(1);
    expect(logger.level).toBe("info");
  });

  it("makes a pretty logger for people, and a plain JSON one without a destination", () => {
    expect(createLogger({ service: "web", format: "pretty", level: "silent" }).level).toBe("silent");
    expect(createLogger({ service: "web", format: "json", level: "warn" }).level).toBe("warn");
  });
});
