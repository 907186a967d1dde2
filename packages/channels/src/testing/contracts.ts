import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Request/response examples copied from the platforms' documentation (packages/channels/contracts),
 * each with the page it came from. See contracts/README.md.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), "../../contracts");

export interface ApiContract {
  platform: "shopee" | "tiktok";
  api: string;
  method: "GET" | "POST" | "PUT";
  /** Path as the page documents it (TikTok pages show their latest version). */
  path: string;
  version: string;
  page: string;
  copy: string;
  adapterCall: string;
  /** TikTok: the path our adapter calls, when its version differs from the page's. */
  adapterPath?: string;
  host?: "auth";
  syntaxRepaired?: string;
  request: { query: Record<string, string | string[]>; body?: Record<string, unknown> };
  response: Record<string, unknown>;
}

export interface WebhookContract {
  platform: "tiktok";
  webhook: string;
  type: number;
  page: string;
  copy: string;
  syntaxRepaired?: string;
  event: Record<string, unknown>;
}

function read<T>(folder: string, name: string): T {
  return JSON.parse(readFileSync(join(root, folder, `${name}.json`), "utf8")) as T;
}

export function apiContract(platform: "shopee" | "tiktok", name: string): ApiContract {
  return read<ApiContract>(platform, name);
}

export function apiContractNames(platform: "shopee" | "tiktok"): string[] {
  return readdirSync(join(root, platform))
    .filter((file) => file.endsWith(".json"))
    .map((file) => file.slice(0, -".json".length))
    .sort();
}

export function webhookContracts(): (WebhookContract & { name: string })[] {
  return readdirSync(join(root, "tiktok-webhooks"))
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => ({ name: file.slice(0, -5), ...read<WebhookContract>("tiktok-webhooks", file.slice(0, -5)) }));
}

/** A Shopee push body as a documentation page shows it (contracts/shopee-pushes). */
export interface ShopeePushContract {
  platform: "shopee";
  push: string;
  code: number;
  page: string;
  copy: string;
  source: string;
  syntaxRepaired?: string;
  body: Record<string, unknown>;
}

export function shopeePushContracts(): (ShopeePushContract & { name: string })[] {
  return readdirSync(join(root, "shopee-pushes"))
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => ({ name: file.slice(0, -5), ...read<ShopeePushContract>("shopee-pushes", file.slice(0, -5)) }));
}

/**
 * Shopee's pages write "-" where a string goes, envelope fields included; a real success carries
 * "" there. Only the envelope's error/message/warning are normalised, nothing else.
 */
export function shopeeEnvelopeAsSent(response: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...response };
  for (const key of ["error", "message", "warning"]) if (copy[key] === "-") copy[key] = "";
  return copy;
}
