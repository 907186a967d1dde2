/**
 * Creates the run's database and migrates it. Runs as the first step of the web server command:
 * Playwright starts `webServer` before `globalSetup`, and the servers need the schema.
 */
import { migrateDatabase } from "@syncstore/db";
import pg from "pg";

async function main(): Promise<void> {
  const target = process.env.DATABASE_URL;
  if (!target) throw new Error("DATABASE_URL is not set for the end-to-end database");
  const name = decodeURIComponent(new URL(target).pathname.slice(1));
  const admin = new URL(target);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (!exists.rowCount) await client.query(`create database "${name.replaceAll('"', '""')}"`);
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
