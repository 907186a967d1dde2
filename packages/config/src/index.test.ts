import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, describeVariables, ensureDevSecrets, parseEnv } from ".";

const valid = {
  DATABASE_URL: "postgres://u@localhost:5432/db",
  BETTER_AUTH_SECRET: "s".repeat(40),
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

describe("parseEnv", () => {
  it("applies defaults and coerces numbers and flags", () => {
    const env = parseEnv({ ...valid, WEB_PORT: "3100", WORKER_CRON: "0" });
    expect(env.WEB_PORT).toBe(3100);
    expect(env.GATEWAY_PORT).toBe(4000);
    expect(env.WORKER_CRON).toBe(false);
    expect(env.NODE_ENV).toBe("development");
  });

  it("lists every problem at once, each with the variable's purpose", () => {
    let error: unknown;
    try {
      parseEnv({ WEB_PORT: "eighty", DATABASE_URL: "mysql://x", TOKEN_ENCRYPTION_KEY: "c2hvcnQ=" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.find((p) => p.startsWith("BETTER_AUTH_SECRET"))).toBe(
      "BETTER_AUTH_SECRET is required (Signs sessions and cookies; generated into .env.local in development)",
    );
    expect(problems.find((p) => p.startsWith("TOKEN_ENCRYPTION_KEY"))).toContain("must decode to 32 bytes");
    expect(problems.some((p) => p.startsWith("WEB_PORT"))).toBe(true);
    expect(problems.some((p) => p.startsWith("DATABASE_URL"))).toBe(true);
    expect((error as ConfigError).message).toContain("configuration table");
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ ...valid, SMTP_URL: "" }).SMTP_URL).toBeUndefined();
  });
});

describe("ensureDevSecrets", () => {
  it("generates missing secrets once into .env.local and keeps existing ones", () => {
    const root = mkdtempSync(join(tmpdir(), "syncstore-config-"));
    writeFileSync(join(root, ".env.local"), "BETTER_AUTH_SECRET=keep-me-keep-me-keep-me-keep-me-keep\n");
    const saved = { ...process.env };
    delete process.env.BETTER_AUTH_SECRET;
    delete process.env.TOKEN_ENCRYPTION_KEY;
    try {
      expect(ensureDevSecrets(root)).toEqual(["TOKEN_ENCRYPTION_KEY"]);
      expect(ensureDevSecrets(root)).toEqual([]);
      const file = readFileSync(join(root, ".env.local"), "utf8");
      expect(file).toContain("BETTER_AUTH_SECRET=keep-me");
      const key = /TOKEN_ENCRYPTION_KEY=(.+)/.exec(file)?.[1] ?? "";
      expect(Buffer.from(key, "base64")).toHaveLength(32);
    } finally {
      process.env = saved;
    }
  });

  it("never generates secrets in production", () => {
    const root = mkdtempSync(join(tmpdir(), "syncstore-config-"));
    const saved = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    try {
      expect(ensureDevSecrets(root)).toEqual([]);
    } finally {
      process.env.NODE_ENV = saved;
    }
  });
});

describe("documentation", () => {
  it("lists every variable in .env.example and in the README table", () => {
    const root = new URL("../../../", import.meta.url);
    const example = readFileSync(new URL(".env.example", root), "utf8");
    const readme = readFileSync(new URL("README.md", root), "utf8");
    for (const { name } of describeVariables()) {
      expect(example, `.env.example lacks ${name}`).toContain(`# ${name}=`);
      expect(readme, `README lacks ${name}`).toContain(`| \`${name}\``);
    }
  });
});
