import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type pg from "pg";

/**
 * The database schema reference (`docs/reference/database.md`), read from a freshly migrated
 * database (so hand-written parts such as generated columns, checks and triggers appear as they
 * really are), with the capability that owns each table taken from the entity file declaring it.
 * `schema-reference.int.test.ts` fails when the committed file is stale; `pnpm docs:generate`
 * rewrites it.
 */

const entitiesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "../entities");

/** Entity files whose name is not the capability that owns them. */
const capabilityOfFile: Record<string, string> = {
  "audit-log": "audit",
  auth: "auth (better-auth)",
  "bulk-operation": "catalog",
  "catalog-import": "catalog",
  "catalog-preferences": "catalog",
  "channel-connection": "channels",
  "socket-io-attachment": "realtime",
  "sync-engine": "sync",
};

/** Table name → owning capability, from `tableName: "..."` in each entity file. */
export function tableOwners(): Map<string, string> {
  const owners = new Map<string, string>();
  for (const file of readdirSync(entitiesDir).filter((name) => name.endsWith(".ts") && !name.includes(".test."))) {
    const base = file.replace(/\.ts$/, "");
    const source = readFileSync(path.join(entitiesDir, file), "utf8");
    for (const match of source.matchAll(/tableName:\s*"([a-z0-9_]+)"/g))
      owners.set(match[1]!, capabilityOfFile[base] ?? base);
  }
  return owners;
}

interface Column {
  table: string;
  name: string;
  type: string;
  nullable: boolean;
  default: string | null;
  generated: string | null;
}

function cell(text: string | null): string {
  if (text === null || text === "") return "";
  return `\`${text.replace(/\|/g, "\\|").replace(/\s+/g, " ")}\``;
}

export async function renderSchemaReference(client: pg.Client): Promise<string> {
  const owners = tableOwners();
  const tables = (
    await client.query<{ name: string; comment: string | null }>(
      `select c.relname as name, obj_description(c.oid, 'pg_class') as comment
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p')
        order by c.relname`,
    )
  ).rows;
  const columns = (
    await client.query<Column>(
      `select c.relname as table, a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
              not a.attnotnull as nullable,
              case when a.attgenerated = '' then pg_get_expr(d.adbin, d.adrelid) end as default,
              case when a.attgenerated <> '' then pg_get_expr(d.adbin, d.adrelid) end as generated
         from pg_attribute a
         join pg_class c on c.oid = a.attrelid
         join pg_namespace n on n.oid = c.relnamespace
         left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
        order by c.relname, a.attnum`,
    )
  ).rows;
  const constraints = (
    await client.query<{ table: string; name: string; kind: string; definition: string }>(
      `select c.relname as table, k.conname as name, k.contype as kind, pg_get_constraintdef(k.oid) as definition
         from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public'
          -- PostgreSQL 18 lists NOT NULL as constraints too; the column table already says it.
          and k.contype <> 'n'
        order by c.relname, k.contype, k.conname`,
    )
  ).rows;
  const indexes = (
    await client.query<{ table: string; name: string; definition: string }>(
      `select i.tablename as table, i.indexname as name, i.indexdef as definition
         from pg_indexes i
        where i.schemaname = 'public'
          and not exists (select 1 from pg_constraint k where k.conname = i.indexname and k.contype in ('p', 'u'))
        order by i.tablename, i.indexname`,
    )
  ).rows;
  const triggers = (
    await client.query<{ table: string; name: string; definition: string }>(
      `select c.relname as table, t.tgname as name, pg_get_triggerdef(t.oid) as definition
         from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and not t.tgisinternal
        order by c.relname, t.tgname`,
    )
  ).rows;
  const otherSchemas = (
    await client.query<{ schema: string; tables: number }>(
      `select n.nspname as schema, count(*)::int as tables
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and n.nspname not in ('public', 'pg_catalog', 'information_schema')
          and n.nspname not like 'pg_toast%'
        group by n.nspname order by n.nspname`,
    )
  ).rows;

  const byCapability = new Map<string, string[]>();
  for (const { name } of tables) {
    const owner = owners.get(name) ?? "infrastructure";
    byCapability.set(owner, [...(byCapability.get(owner) ?? []), name]);
  }
  const capabilities = [...byCapability.keys()].sort();
  const kindName: Record<string, string> = {
    p: "primary key",
    u: "unique",
    f: "foreign key",
    c: "check",
    x: "exclusion",
  };

  const lines: string[] = [
    "# Database schema",
    "",
    "<!-- Generated from a freshly migrated database by packages/db/src/reference/schema-reference.ts. -->",
    "<!-- Do not edit: run `pnpm docs:generate`. A test fails when this file is stale. -->",
    "",
    "Every table of the `public` schema after all migrations, grouped by the capability that owns it",
    "(the entity file in `packages/db/src/entities` that declares it). Business tables carry",
    "`organization_id`; every query is scoped by it. Stock buckets, their generated columns and the",
    "default-location trigger are described in [inventory](../inventory.md).",
    "",
    `${tables.length} tables. Other schemas: ${otherSchemas.map((s) => `\`${s.schema}\` (${s.tables} tables${s.schema === "graphile_worker" ? ", the job queue, owned by graphile-worker" : ""})`).join(", ") || "none"}.`,
    "",
    "## Tables by capability",
    "",
    "| capability | tables |",
    "| --- | --- |",
    ...capabilities.map(
      (capability) =>
        `| ${capability} | ${(byCapability.get(capability) ?? []).map((table) => `[\`${table}\`](#${table.replace(/_/g, "_")})`).join(", ")} |`,
    ),
    "",
  ];

  for (const capability of capabilities) {
    lines.push(`## ${capability}`, "");
    for (const table of byCapability.get(capability) ?? []) {
      lines.push(`### ${table}`, "");
      const comment = tables.find((t) => t.name === table)?.comment;
      if (comment) lines.push(comment, "");
      lines.push("| column | type | null | default / generated |", "| --- | --- | --- | --- |");
      for (const column of columns.filter((c) => c.table === table)) {
        const extra = column.generated ? `generated: ${cell(column.generated)}` : cell(column.default);
        lines.push(`| \`${column.name}\` | ${column.type} | ${column.nullable ? "yes" : "no"} | ${extra} |`);
      }
      lines.push("");
      const own = constraints.filter((c) => c.table === table);
      if (own.length > 0) {
        lines.push("Constraints:", "");
        for (const constraint of own)
          lines.push(
            `- ${kindName[constraint.kind] ?? constraint.kind} \`${constraint.name}\`: ${cell(constraint.definition)}`,
          );
        lines.push("");
      }
      const ownIndexes = indexes.filter((i) => i.table === table);
      if (ownIndexes.length > 0) {
        lines.push("Indexes:", "");
        for (const index of ownIndexes)
          lines.push(`- \`${index.name}\`: ${cell(index.definition.replace(/ ON public\.\S+ USING /, " USING "))}`);
        lines.push("");
      }
      const ownTriggers = triggers.filter((t) => t.table === table);
      if (ownTriggers.length > 0) {
        lines.push("Triggers:", "");
        for (const trigger of ownTriggers) lines.push(`- \`${trigger.name}\`: ${cell(trigger.definition)}`);
        lines.push("");
      }
    }
  }
  return lines.join("\n");
}
