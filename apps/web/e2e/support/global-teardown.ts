import pg from "pg";

/** Drops the run's database. The servers still hold connections at this point, hence FORCE. */
export default async function globalTeardown(): Promise<void> {
  const target = process.env.E2E_DATABASE_URL;
  if (!target || process.env.E2E_KEEP_DATABASE === "1") return;
  const name = decodeURIComponent(new URL(target).pathname.slice(1));
  const admin = new URL(target);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name.replaceAll('"', '""')}" with (force)`);
  } finally {
    await client.end();
  }
}
