import { createTestDatabase, type TestDatabase } from "@syncstore/db/testing";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  postShopee,
  postTikTok,
  seedConnections,
  shopeeBody,
  startWebhookGateway,
  testPool,
  tiktokBody,
  type TestGateway,
} from "./webhook-helpers";

/**
 * The webhook endpoints get the fuzz walk's treatment with correctly signed hostile bodies: each
 * field of a real message replaced by hostile values, plus bodies that are not JSON at all. Every
 * answer is 200 (stored, exactly once) or a 4xx with a reason (nothing stored), never a 5xx.
 */
let database: TestDatabase;
let pool: pg.Pool;
let gateway: TestGateway;
const shopeeShop = "990001";
const tiktokShop = "7495000000000000991";

const hostileValues: [string, unknown][] = [
  ["NUL", "fuzz\u0000value"],
  ["lone surrogate", "fuzz\uD800"],
  ["1 MB string", "x".repeat(1024 * 1024)],
  ["SQL metacharacters", "'; drop table webhook_event; -- %_\\"],
  ["emoji", "😀👍🏽🇸🇬"],
  ["huge number", 1e308],
  ["negative number", -1],
  ["fraction", 0.5],
  ["null", null],
  ["100,000-item array", new Array<number>(100_000).fill(7)],
  ["__proto__ keys", JSON.parse(`{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}`)],
];

/** Per family: bodies tried, answered correctly, and answered 200 / 4xx / 5xx (printed after the run). */
interface Tally {
  tried: number;
  correct: number;
  stored: number;
  refused: number;
  failed: number;
}
const tally = new Map<string, Tally>();
const problems: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  pool = testPool(database.url);
  await seedConnections(pool, [
    { platform: "shopee", shopId: shopeeShop },
    { platform: "tiktok", shopId: tiktokShop },
  ]);
  // Bodies up to 2 MB here so the 1 MB values reach the parser; above that, 413.
  gateway = await startWebhookGateway(pool, { maxBodyBytes: 2 * 1024 * 1024 });
});

afterAll(async () => {
  const lines = [...tally.entries()].map(
    ([family, t]) =>
      `  ${family.padEnd(22)} ${String(t.correct).padStart(4)} / ${String(t.tried).padEnd(4)} ` +
      `(${t.stored} × 200 stored, ${t.refused} × 4xx, ${t.failed} × 5xx)`,
  );
  const total = [...tally.values()].reduce(
    (sum, t) => ({ tried: sum.tried + t.tried, correct: sum.correct + t.correct, failed: sum.failed + t.failed }),
    { tried: 0, correct: 0, failed: 0 },
  );
  process.stdout.write(
    `\nwebhook fuzz (answered correctly / tried):\n${lines.join("\n")}\n` +
      `webhook fuzz: ${total.tried} signed hostile bodies across ${tally.size} families and both platforms, ` +
      `${total.correct} answered correctly (200 stored once, or a 4xx with a reason and nothing stored), ` +
      `${total.failed} × 5xx\n`,
  );
  await gateway?.close();
  await pool?.end();
  await database?.drop();
});

function withValue(base: Record<string, unknown>, path: string[], value: unknown): string {
  const copy = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  Object.defineProperty(node, path[path.length - 1] as string, { value, enumerable: true, writable: true });
  return JSON.stringify(copy);
}

function paths(value: Record<string, unknown>, prefix: string[] = []): string[][] {
  return Object.entries(value).flatMap(([key, item]) =>
    item && typeof item === "object" && !Array.isArray(item)
      ? [[...prefix, key], ...paths(item as Record<string, unknown>, [...prefix, key])]
      : [[...prefix, key]],
  );
}

async function judge(family: string, platform: "shopee" | "tiktok", body: string | Buffer) {
  const response = platform === "shopee" ? await postShopee(gateway, body) : await postTikTok(gateway, body);
  const text = await response.text();
  const stored = Number(
    (
      await pool.query<{ n: string }>(`select count(*) as n from webhook_event where body = $1`, [
        body.toString().replaceAll("\u0000", "\uFFFD"),
      ])
    ).rows[0]?.n ?? 0,
  );
  let ok: boolean;
  if (response.status === 200) ok = text === "" && stored >= 1;
  else if (response.status >= 400 && response.status < 500) ok = text.length > 0 && stored === 0;
  else ok = false;
  const entry = tally.get(family) ?? { tried: 0, correct: 0, stored: 0, refused: 0, failed: 0 };
  entry.tried += 1;
  if (response.status === 200) entry.stored += 1;
  else if (response.status >= 400 && response.status < 500) entry.refused += 1;
  else entry.failed += 1;
  if (ok) entry.correct += 1;
  else problems.push(`${platform} ${family}: ${response.status} stored=${stored} ${text.slice(0, 200)}`);
  tally.set(family, entry);
}

describe("signed hostile webhook bodies", () => {
  it.each([
    ["shopee", () => JSON.parse(shopeeBody(shopeeShop)) as Record<string, unknown>],
    ["tiktok", () => JSON.parse(tiktokBody(tiktokShop)) as Record<string, unknown>],
  ] as const)(
    "%s: every field replaced by every hostile value is stored or refused, never a 5xx",
    async (platform, base) => {
      for (const path of paths(base())) {
        for (const [family, value] of hostileValues) {
          // A fresh message id per variant, so each is a new event rather than a reused id.
          const fresh = base();
          await judge(family, platform, withValue(fresh, path, value));
        }
      }
      for (const [family, body] of [
        ["not JSON", '{"code": 3, "shop_id": '],
        ["not JSON", Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80])],
        ["not JSON", ""],
        ["not JSON", "[]"],
        ["not JSON", "null"],
      ] as const) {
        await judge(family, platform, body);
      }
      expect(problems).toEqual([]);
    },
    300_000,
  );
});
