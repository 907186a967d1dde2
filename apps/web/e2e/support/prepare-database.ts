/**
 * Creates the run's database and migrates it. Runs as the first step of the web server command:
 * Playwright starts `webServer` before `globalSetup`, and the servers need the schema.
 *
 * Databases of earlier runs are dropped here rather than in a global teardown, which Playwright
 * runs while the servers still hold connections to them.
 */
import { migrateDatabase } from "@syncstore/db";
import pg from "pg";

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function main(): Promise<void> {
  const target = process.env.DATABASE_URL;
  if (!target) throw new Error("DATABASE_URL is not set for the end-to-end database");
  const name = decodeURIComponent(new URL(target).pathname.slice(1));
  const admin = new URL(target);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const stale = await client.query<{ datname: string }>(
      `select datname from pg_database d
        where datname like 'syncstore\\_e2e\\_%' and datname <> $1
          and not exists (select 1 from pg_stat_activity a where a.datname = d.datname)`,
      [name],
    );
    for (const row of stale.rows) await client.query(`drop database if exists ${quote(row.datname)}`);
    const exists = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (!exists.rowCount) await client.query(`create database ${quote(name)}`);
  } finally {
    await client.end();
  }
  await migrateDatabase(target);
  process.stdout.write(`e2e database ${name} ready\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
