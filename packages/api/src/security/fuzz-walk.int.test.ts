import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { createTrpcHandler } from "../core/http";
import { appRouter } from "../routers";
import { hostileVariants, sampleInput, type Variant } from "../testing/fuzz";
import { createApiHarness, type ApiHarness } from "../testing/harness";

/**
 * The fuzz walk (issue 15): every procedure the router holds, called over HTTP as the owner of an
 * organization with a product, first with an input generated from its own zod schema, then with
 * hostile variants. Every answer must be a success or a 4xx with a reason, never a 5xx; after a
 * refused call the organization's tables (row counts and a fingerprint of their contents) must be
 * exactly as before. New procedures are walked as soon as they are in the router.
 */
const web = "http://localhost:3000";
let h: ApiHarness;
let owner: Awaited<ReturnType<ApiHarness["signUp"]>>;
let serve: (request: Request) => Promise<Response>;
let fingerprintSql = "";

interface ProcedureEntry {
  path: string;
  type: "query" | "mutation" | "subscription";
  inputs: z.core.$ZodType[];
}

const procedures: ProcedureEntry[] = Object.entries(
  appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: ProcedureEntry["type"]; inputs: z.core.$ZodType[] } }
  >,
).map(([path, procedure]) => ({ path, type: procedure._def.type, inputs: procedure._def.inputs }));

/** Per family: inputs tried, answered correctly, and answered 2xx / 4xx / 5xx (printed after the run). */
interface Tally {
  tried: number;
  correct: number;
  ok: number;
  refused: number;
  failed: number;
}
const tally = new Map<string, Tally>();
const failures: string[] = [];

function count(family: string, status: number, ok: boolean, detail: string) {
  const entry = tally.get(family) ?? { tried: 0, correct: 0, ok: 0, refused: 0, failed: 0 };
  entry.tried += 1;
  if (status >= 500) entry.failed += 1;
  else if (status >= 400) entry.refused += 1;
  else entry.ok += 1;
  if (ok) entry.correct += 1;
  else failures.push(detail);
  tally.set(family, entry);
}

/** The walk's summary: one line per hostile family, then the total over the hostile ones. */
function summary(): string {
  const row = (name: string, t: Tally) =>
    `  ${name.padEnd(24)} ${String(t.correct).padStart(6)} / ${String(t.tried).padEnd(6)} ` +
    `(${t.ok} success, ${t.refused} × 4xx, ${t.failed} × 5xx)`;
  const families = [...tally.entries()].sort(([a], [b]) => a.localeCompare(b));
  const hostile = families
    .filter(([family]) => family !== "generated")
    .reduce<Tally>(
      (sum, [, t]) => ({
        tried: sum.tried + t.tried,
        correct: sum.correct + t.correct,
        ok: sum.ok + t.ok,
        refused: sum.refused + t.refused,
        failed: sum.failed + t.failed,
      }),
      { tried: 0, correct: 0, ok: 0, refused: 0, failed: 0 },
    );
  return [
    `fuzz walk over ${procedures.length} procedures (answered correctly / tried):`,
    ...families.map(([family, t]) => row(family, t)),
    `fuzz: ${hostile.tried} hostile inputs across ${procedures.length} procedures, ${hostile.correct} answered ` +
      `correctly (success, or a 4xx with a reason and nothing written), ${hostile.failed} × 5xx`,
  ].join("\n");
}

beforeAll(async () => {
  h = await createApiHarness();
  owner = await h.signUp("Fuzz owner");
  serve = createTrpcHandler({
    deps: h.deps,
    allowedOrigins: [web],
    clientIp: () => "198.51.100.200",
  });
  await owner.caller.catalog.product.create({
    title: "Fuzz hoodie",
    description: null,
    brand: "Fuzz",
    categoryId: null,
    status: "active",
    tags: ["fuzz"],
    images: [],
    attributes: [],
    variants: [
      {
        sku: "FUZZ-1",
        options: { size: "M" },
        price: 1999,
        compareAtPrice: null,
        cost: null,
        barcode: null,
        weightGrams: 100,
        stockOnHand: 5,
      },
    ],
  });
  // Every table that holds organization rows, fingerprinted in one statement.
  const tables = await h.query<{ table_name: string }>(
    `select table_name from information_schema.columns
      where table_schema = 'public' and column_name = 'organization_id' order by table_name`,
  );
  fingerprintSql = tables
    .map(
      ({ table_name }) =>
        `select '${table_name}' as t, count(*) as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h
           from "${table_name}" x where organization_id = $1`,
    )
    .join(" union all ");
}, 120_000);

afterAll(async () => {
  process.stdout.write(`\n${summary()}\n`);
  await h?.close();
});

async function fingerprint(): Promise<string> {
  const rows = await h.query<{ t: string; n: string; h: string }>(fingerprintSql, [owner.organizationId]);
  return rows.map((row) => `${row.t}:${row.n}:${row.h}`).join(",");
}

/**
 * superjson's wire format. superjson itself refuses objects with `__proto__` keys (a client-side
 * guard); an attacker's client has no such guard, so those go out as plain JSON in the same envelope.
 */
function serialize(input: unknown): string {
  try {
    return JSON.stringify(superjson.serialize(input));
  } catch {
    return JSON.stringify({ json: input });
  }
}

async function call(entry: ProcedureEntry, input: unknown): Promise<{ status: number; body: unknown }> {
  const serialized = serialize(input);
  const url = `${web}/api/trpc/${entry.path}`;
  const request =
    entry.type === "query"
      ? new Request(`${url}?input=${encodeURIComponent(serialized)}`, { headers: { cookie: owner.cookie } })
      : new Request(url, {
          method: "POST",
          headers: { cookie: owner.cookie, origin: web, "content-type": "application/json" },
          body: serialized,
        });
  const response = await serve(request);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: judged below
  }
  return { status: response.status, body };
}

function reasonOf(body: unknown): string | null {
  const error = (body as { error?: { message?: unknown; json?: { message?: unknown } } } | null)?.error;
  const message = error?.json?.message ?? error?.message;
  return typeof message === "string" && message.length > 0 ? message : null;
}

async function judge(entry: ProcedureEntry, family: string, label: string, input: unknown) {
  const before = await fingerprint();
  const { status, body } = await call(entry, input);
  const detail = `${entry.path} ${label}: ${status} ${JSON.stringify(body).slice(0, 300)}`;
  if (status >= 500) return count(family, status, false, detail);
  if (status >= 400) {
    if (!reasonOf(body)) return count(family, status, false, `${detail} (no reason)`);
    const after = await fingerprint();
    if (after !== before) return count(family, status, false, `${detail} (refused but wrote)`);
  }
  count(family, status, status === 200 || (status >= 400 && status < 500), detail);
}

describe("fuzz walk of every tRPC procedure", () => {
  it("walks at least the procedures the router had when this test was written", () => {
    expect(procedures.length).toBeGreaterThanOrEqual(60);
  });

  it.each(procedures.map((entry) => [entry.path, entry] as const))(
    "%s: generated and hostile inputs are answered with a success or a 4xx with a reason, never a 5xx, nothing half-written",
    async (_path, entry) => {
      const sample =
        entry.inputs.length === 0
          ? undefined
          : entry.inputs
              .map((schema) => sampleInput(schema))
              .reduce<unknown>(
                (merged, part) =>
                  merged && typeof merged === "object" && part && typeof part === "object"
                    ? { ...merged, ...part }
                    : (part ?? merged),
                undefined,
              );
      await judge(entry, "generated", "generated input", sample);
      const variants: Variant[] = hostileVariants(sample);
      for (const variant of variants) await judge(entry, variant.family, variant.label, variant.input);
      expect(failures.filter((failure) => failure.startsWith(`${entry.path} `))).toEqual([]);
    },
    120_000,
  );
});
