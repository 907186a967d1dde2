import { randomUUID } from "node:crypto";
import type { z } from "zod";

/**
 * Inputs for the fuzz walk, generated from a procedure's own zod schema (zod 4's definitions):
 * `sampleInput` builds a value the schema is meant to accept (each leaf is checked against its own
 * schema; refinements across fields may still refuse it), `hostileVariants` derives the hostile
 * inputs of issue 15 from it.
 */
type Schema = z.core.$ZodType;
type Def = Record<string, unknown> & { type: string };

const defOf = (schema: Schema): Def => schema._zod.def as unknown as Def;

function checkValues(def: Def): Record<string, unknown>[] {
  const checks = (def.checks as { _zod: { def: Record<string, unknown> } }[] | undefined) ?? [];
  return checks.map((check) => check._zod.def);
}

function accepts(schema: Schema, value: unknown): boolean {
  return (schema as unknown as z.ZodType).safeParse(value).success;
}

function firstAccepted(schema: Schema, candidates: unknown[]): unknown {
  for (const candidate of candidates) if (accepts(schema, candidate)) return candidate;
  return candidates[0];
}

let counter = 0;

function stringCandidates(def: Def): string[] {
  const checks = checkValues(def);
  const min = Math.max(0, ...checks.map((check) => (check.check === "min_length" ? Number(check.minimum) : 0)));
  const format = checks.find((check) => check.check === "string_format")?.format;
  const n = ++counter;
  const base = [
    format === "uuid" || format === "guid" ? randomUUID() : null,
    format === "email" ? `fuzz${n}@example.test` : null,
    format === "url" ? `https://example.test/${n}.png` : null,
    format === "datetime" ? new Date(0).toISOString() : null,
    `Fuzz${n}`,
    `SKU-${n}`,
    randomUUID(),
    `fuzz${n}@example.test`,
    `https://example.test/${n}.png`,
    "2026-01-01",
    "shopee",
    "viewer",
    "10%",
    "a",
  ].filter((value): value is string => value !== null);
  return base.map((value) => (value.length < min ? value.padEnd(min, "x") : value));
}

function numberCandidates(def: Def): number[] {
  const bounds = checkValues(def).flatMap((check) =>
    check.check === "greater_than" || check.check === "less_than" ? [Number(check.value)] : [],
  );
  return [1, 0, 10, 100, ...bounds, ...bounds.map((bound) => bound + 1), 0.5, -1];
}

/** A value the schema is meant to accept. */
export function sampleInput(schema: Schema, depth = 0): unknown {
  const def = defOf(schema);
  if (depth > 12) return undefined;
  switch (def.type) {
    case "string":
      return firstAccepted(schema, stringCandidates(def));
    case "number":
    case "int":
      return firstAccepted(schema, numberCandidates(def));
    case "bigint":
      return 1n;
    case "boolean":
      return true;
    case "date":
      return new Date("2026-01-01T00:00:00Z");
    case "null":
      return null;
    case "undefined":
    case "void":
      return undefined;
    case "any":
    case "unknown":
      return "fuzz";
    case "enum":
      return Object.values(def.entries as Record<string, unknown>)[0];
    case "literal":
      return (def.values as unknown[])[0];
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
    case "success":
      return sampleInput(def.innerType as Schema, depth + 1);
    case "lazy":
      return sampleInput((def.getter as () => Schema)(), depth + 1);
    case "pipe":
      return sampleInput(def.in as Schema, depth + 1);
    case "object": {
      const shape = def.shape as Record<string, Schema>;
      return Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, sampleInput(value, depth + 1)]));
    }
    case "array": {
      const min = Math.max(
        1,
        ...checkValues(def).map((check) => (check.check === "min_length" ? Number(check.minimum) : 1)),
      );
      return Array.from({ length: Math.min(min, 5) }, () => sampleInput(def.element as Schema, depth + 1));
    }
    case "tuple":
      return (def.items as Schema[]).map((item) => sampleInput(item, depth + 1));
    case "record": {
      const key = sampleInput(def.keyType as Schema, depth + 1);
      return { [String(key)]: sampleInput(def.valueType as Schema, depth + 1) };
    }
    case "union": {
      const options = def.options as Schema[];
      const samples = options.map((option) => sampleInput(option, depth + 1));
      return samples.find((sample, index) => accepts(options[index] as Schema, sample)) ?? samples[0];
    }
    case "intersection": {
      const left = sampleInput(def.left as Schema, depth + 1);
      const right = sampleInput(def.right as Schema, depth + 1);
      return typeof left === "object" && typeof right === "object" ? { ...left, ...right } : left;
    }
    default:
      return undefined;
  }
}

export const HOSTILE_STRINGS: readonly [string, string][] = [
  ["NUL", "fuzz\u0000value"],
  ["lone high surrogate", "fuzz\uD800"],
  ["lone low surrogate", "\uDC00fuzz"],
  ["1 MB string", "x".repeat(1024 * 1024)],
  ["SQL metacharacters", "'; drop table product; -- %_\\ \" $1 ::text"],
  ["emoji", "😀👍🏽🇸🇬 ‮rtl‬ 𝕏"],
];

export const HOSTILE_NUMBERS: readonly [string, number][] = [
  ["NaN", Number.NaN],
  ["Infinity", Number.POSITIVE_INFINITY],
  ["-Infinity", Number.NEGATIVE_INFINITY],
  ["negative", -1],
  ["huge", 1e308],
  ["fraction", 0.5],
];

export interface Variant {
  family: string;
  label: string;
  input: unknown;
}

type Path = (string | number)[];

function leaves(value: unknown, path: Path = [], out: { path: Path; kind: string }[] = []) {
  if (typeof value === "string") out.push({ path, kind: "string" });
  else if (typeof value === "number") out.push({ path, kind: "number" });
  else if (Array.isArray(value)) {
    out.push({ path, kind: "array" });
    value.forEach((item, index) => leaves(item, [...path, index], out));
  } else if (value && typeof value === "object" && !(value instanceof Date)) {
    out.push({ path, kind: "object" });
    for (const [key, item] of Object.entries(value)) leaves(item, [...path, key], out);
  }
  return out;
}

function getAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) node = (node as Record<string | number, unknown>)[key];
  return node;
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy: unknown = structuredClone(root);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
  return copy;
}

/** The hostile inputs for one procedure, at most `perFamily` per family. */
export function hostileVariants(sample: unknown, perFamily = 4): Variant[] {
  const found = leaves(sample);
  const pick = (kind: string) => found.filter((leaf) => leaf.kind === kind).slice(0, perFamily);
  const variants: Variant[] = [];
  for (const leaf of pick("string")) {
    for (const [label, text] of HOSTILE_STRINGS) {
      variants.push({ family: label, label: `${leaf.path.join(".")}=${label}`, input: setAt(sample, leaf.path, text) });
    }
  }
  for (const leaf of pick("number")) {
    for (const [label, number] of HOSTILE_NUMBERS) {
      variants.push({
        family: `number ${label}`,
        label: `${leaf.path.join(".")}=${label}`,
        input: setAt(sample, leaf.path, number),
      });
    }
  }
  for (const leaf of pick("array").slice(0, 2)) {
    const current = getAt(sample, leaf.path) as unknown[];
    const items: unknown[] = new Array<unknown>(100_000).fill(current[0] ?? 0);
    variants.push({
      family: "100,000-item array",
      label: `${leaf.path.join(".")}[100000]`,
      input: setAt(sample, leaf.path, items),
    });
  }
  for (const leaf of pick("object").slice(0, 2)) {
    // Own `__proto__` / `constructor` keys, as JSON.parse makes them (an assignment would set the prototype).
    const poisoned = structuredClone(getAt(sample, leaf.path)) as Record<string, unknown>;
    Object.defineProperty(poisoned, "__proto__", { value: { isAdmin: true, role: "owner" }, enumerable: true });
    Object.defineProperty(poisoned, "constructor", { value: { prototype: { polluted: 1 } }, enumerable: true });
    variants.push({
      family: "__proto__ keys",
      label: `${leaf.path.join(".") || "(root)"}.__proto__`,
      input: setAt(sample, leaf.path, poisoned),
    });
  }
  if (variants.length === 0) {
    variants.push({
      family: "__proto__ keys",
      label: "(no input).__proto__",
      input: JSON.parse(`{"__proto__": {"x": 1}}`) as unknown,
    });
  }
  return variants;
}
