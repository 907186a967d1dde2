import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse as parseDotenv } from "dotenv";
import { readFileSync } from "node:fs";
import { type z } from "zod";
import { envSchema, type Env } from "./schema";

export { envSchema, productionSecrets, webhookCallbackUrls, type Env } from "./schema";
export { ensureDevSecrets } from "./dev-secrets";

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: string[]) {
    super(
      `SyncStore configuration is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}\n` +
        "See the README's configuration table for every variable.",
    );
  }
}

/** Walks up from `start` to the folder holding pnpm-workspace.yaml. */
export function findRepoRoot(start = process.cwd()): string | undefined {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads `.env.local` at the repo root (never in production); explicit variables win. */
export function readLocalEnvFile(root = findRepoRoot()): Record<string, string> {
  if (!root) return {};
  const file = join(root, ".env.local");
  if (!existsSync(file)) return {};
  return parseDotenv(readFileSync(file));
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const values = { ...source };
  for (const [key, value] of Object.entries(values)) if (value === "") delete values[key];
  const result = envSchema.safeParse(values);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? "(root)");
      const purpose = envSchema.shape[key as keyof typeof envSchema.shape]?.description;
      const message = issue.code === "invalid_type" && values[key] === undefined ? "is required" : issue.message;
      return `${key} ${message}${purpose ? ` (${purpose})` : ""}`;
    }),
  );
}

let cached: Env | undefined;

/**
 * The process configuration, parsed once. Outside production, values from `.env.local` fill in
 * what the environment does not set.
 */
export function getConfig(): Env {
  if (cached) return cached;
  const fromFile = process.env.NODE_ENV === "production" ? {} : readLocalEnvFile();
  cached = parseEnv({ ...fromFile, ...process.env });
  return cached;
}

/** For tests that change variables between cases. */
export function resetConfigForTests(): void {
  cached = undefined;
}

/** Name, default and purpose of every variable (README table, launcher help). */
export function describeVariables(): { name: string; default: string; description: string }[] {
  return Object.entries(envSchema.shape).map(([name, schema]) => {
    const parsed = (schema as z.ZodType).safeParse(undefined);
    return {
      name,
      default: parsed.success && parsed.data !== undefined ? String(parsed.data) : "",
      description: schema.description ?? "",
    };
  });
}
