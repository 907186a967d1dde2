/**
 * Generates a migration from the difference between the entities and the migrated schema, then
 * registers it in src/migrations/index.ts. Needs DATABASE_URL (any scratch PostgreSQL: the script
 * first applies the existing migrations so the diff is only the new change).
 *
 *   DATABASE_URL=postgres://… pnpm db:migration:create [name]
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { createOrm } from "../orm";
import { isHandWrittenSchemaStatement } from "../schema-exceptions";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is required: point it at a scratch database.");
  process.exit(2);
}
const name = process.argv[2];
const orm = await createOrm(url, { pool: { min: 0, max: 2 } });
try {
  await orm.migrator.up();
  const result = await orm.migrator.create(undefined, false, false, name);
  const path = result.fileName ? new URL(`../migrations/${basename(result.fileName)}`, import.meta.url).pathname : "";
  if (path && !stripHandWrittenStatements(path)) {
    rmSync(path);
    result.fileName = "";
  }
  if (!result.fileName) {
    console.log("No schema changes: nothing generated.");
  } else {
    const file = basename(result.fileName).replace(/\.ts$/, "");
    const className = /export class (\w+)/.exec(result.code)?.[1];
    if (!className) throw new Error(`Could not find the class in ${result.fileName}`);
    const indexPath = new URL("../migrations/index.ts", import.meta.url).pathname;
    let index = readFileSync(indexPath, "utf8");
    index = `import { ${className} } from "./${file}";\n${index}`;
    index = index.replace(/export const migrationsList: MigrationObject\[\] = \[([^\]]*)\];/, (_, items: string) => {
      const entries = items.trim() ? `${items.trimEnd()}\n  ` : "\n  ";
      return `export const migrationsList: MigrationObject[] = [${entries}{ name: "${file}", class: ${className} },\n];`;
    });
    writeFileSync(indexPath, index);
    console.log(`Created ${result.fileName} and registered it.`);
  }
} finally {
  await orm.close(true);
}

/**
 * Removes the statements MikroORM emits only because it does not model generated columns, triggers
 * and hand-written functions (see schema-exceptions.ts), from both up() and down(). Returns whether
 * up() still changes anything.
 */
function stripHandWrittenStatements(file: string): boolean {
  const kept = readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => {
      const sql = /^\s*this\.addSql\(`(.*)`\);\s*$/.exec(line)?.[1];
      return sql === undefined || !isHandWrittenSchemaStatement(sql.replaceAll("\\$", "$"));
    });
  writeFileSync(file, kept.join("\n"));
  const up = /override up\(\)[^{]*\{([\s\S]*?)\n {2}\}/.exec(kept.join("\n"))?.[1] ?? "";
  return up.includes("this.addSql(");
}
