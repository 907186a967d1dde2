import { z } from "zod";
import { listProcedures } from "../testing/procedures";

/**
 * The API reference (`docs/reference/api.md`), generated from the tRPC router itself: every
 * procedure with its kind, the permission it requires, and its input and output as JSON Schema
 * (zod 4 converts its own schemas). `api-reference.test.ts` fails when the committed file is stale;
 * `pnpm docs:generate` rewrites it.
 */

type Schema = z.ZodType;

interface ProcedureDefinition {
  type: "query" | "mutation" | "subscription";
  meta?: { access?: string };
  inputs?: unknown[];
  output?: unknown;
}

function isZod(value: unknown): value is Schema {
  return value instanceof z.ZodType;
}

/** One JSON Schema for a procedure's inputs (tRPC merges several `.input()` objects into one). */
function inputSchema(inputs: unknown[]): Schema | null {
  const schemas = inputs.filter(isZod);
  if (schemas.length === 0) return null;
  return schemas.reduce((merged, schema) => z.intersection(merged, schema));
}

function jsonSchema(schema: Schema, io: "input" | "output"): string {
  const converted = z.toJSONSchema(schema, { io, unrepresentable: "any", reused: "inline" });
  delete (converted as { $schema?: string }).$schema;
  return JSON.stringify(converted, null, 2);
}

const accessText: Record<string, string> = {
  public: "anyone (no session)",
  authenticated: "any signed-in user",
};

function describeAccess(access: string | undefined): string {
  if (!access) return "undeclared";
  return accessText[access] ?? `permission \`${access}\``;
}

function block(title: string, json: string): string[] {
  return [`<details><summary>${title}</summary>`, "", "```json", json, "```", "", "</details>", ""];
}

export function renderApiReference(): string {
  const procedures = listProcedures()
    .map(({ path, def }) => ({ path, def: def as ProcedureDefinition }))
    .sort((a, b) => a.path.localeCompare(b.path));
  const groups = new Map<string, typeof procedures>();
  for (const procedure of procedures) {
    const capability = procedure.path.split(".")[0] ?? procedure.path;
    groups.set(capability, [...(groups.get(capability) ?? []), procedure]);
  }

  const lines: string[] = [
    "# API reference",
    "",
    "<!-- Generated from packages/api/src/routers by packages/api/src/reference/api-reference.ts. -->",
    "<!-- Do not edit: run `pnpm docs:generate`. A test fails when this file is stale. -->",
    "",
    "The admin talks to the server through tRPC at `/api/trpc/<procedure>` (superjson encoding; queries",
    "are `GET` with `?input=`, mutations `POST`). Every call needs a session cookie from better-auth",
    "(`/api/auth/*`) except where the access says otherwise, and acts on the active organization",
    "of the session. Errors carry a code (`BAD_REQUEST`, `FORBIDDEN`, `NOT_FOUND`, `CONFLICT`,",
    "`TOO_MANY_REQUESTS`...) and, for bad input, zod issues by field under `data.zodError.fieldErrors`.",
    "",
    `${procedures.length} procedures in ${groups.size} capabilities.`,
    "",
    "## Contents",
    "",
    ...[...groups.entries()].map(([capability, list]) => `- [${capability}](#${capability}) (${list.length})`),
    "",
  ];

  for (const [capability, list] of groups) {
    lines.push(`## ${capability}`, "");
    lines.push("| procedure | kind | access |", "| --- | --- | --- |");
    for (const { path, def } of list) lines.push(`| \`${path}\` | ${def.type} | ${describeAccess(def.meta?.access)} |`);
    lines.push("");
    for (const { path, def } of list) {
      lines.push(`### \`${path}\``, "");
      lines.push(
        `${def.type === "query" ? "Query" : def.type === "mutation" ? "Mutation" : "Subscription"}; ${describeAccess(def.meta?.access)}.`,
        "",
      );
      const input = inputSchema(def.inputs ?? []);
      lines.push(...(input ? block("Input", jsonSchema(input, "input")) : ["No input.", ""]));
      if (isZod(def.output)) lines.push(...block("Output", jsonSchema(def.output, "output")));
      else lines.push("Output not declared (inferred by TypeScript only).", "");
    }
  }
  return lines.join("\n");
}
