import { Logger, runMigrations as runQueueMigrations } from "graphile-worker";
import { createOrm } from "./orm";

/**
 * Brings a database to the current schema: our MikroORM migrations, then graphile-worker's own
 * schema (the job queue lives in the same database so jobs can be enqueued in our transactions).
 */
export async function migrateDatabase(url: string): Promise<{ applied: string[] }> {
  const orm = await createOrm(url, { pool: { min: 0, max: 2 } });
  try {
    const applied = await orm.migrator.up();
    await runQueueMigrations({ connectionString: url, logger: silentLogger() });
    return { applied: applied.map((migration) => migration.name) };
  } finally {
    await orm.close(true);
  }
}

/** Names of migrations the code ships that the database has not applied (readiness checks). */
export async function pendingMigrations(url: string): Promise<string[]> {
  const orm = await createOrm(url, { pool: { min: 0, max: 1 } });
  try {
    const pending = await orm.migrator.getPending();
    return pending.map((migration) => migration.name);
  } finally {
    await orm.close(true);
  }
}

function silentLogger(): Logger {
  // graphile-worker logs every migration at info level; the caller reports the outcome instead.
  return new Logger(() => () => {});
}
