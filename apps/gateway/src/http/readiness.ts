import { type Pool } from "pg";

export type Readiness = { ready: true } | { ready: false; reason: string; pendingMigrations?: string[] };

export type ReadinessCheck = () => Promise<Readiness>;

/** MikroORM's bookkeeping table (packages/db's `migrations.tableName`). */
export const MIGRATIONS_TABLE = "mikro_orm_migrations";

const CHECK_TIMEOUT_MS = 3000;

const stripExtension = (name: string) => name.replace(/\.[jt]s$/, "");

/**
 * Ready when PostgreSQL answers, every migration the db package ships is recorded in
 * `mikro_orm_migrations`, and graphile-worker's schema is installed.
 */
export function databaseReadiness(pool: Pool, expectedMigrations: readonly string[]): ReadinessCheck {
  const expected = expectedMigrations.map(stripExtension);
  const check = async (): Promise<Readiness> => {
    let tables: { migrations: string | null; worker: string | null };
    try {
      const result = await pool.query<{ migrations: string | null; worker: string | null }>(
        `SELECT to_regclass($1)::text AS migrations, to_regclass('graphile_worker.migrations')::text AS worker`,
        [MIGRATIONS_TABLE],
      );
      tables = result.rows[0] ?? { migrations: null, worker: null };
    } catch {
      return { ready: false, reason: "PostgreSQL is unreachable" };
    }
    if (!tables.migrations) {
      return {
        ready: false,
        reason: `The schema is missing (no ${MIGRATIONS_TABLE} table): run \`pnpm db:migrate\``,
        pendingMigrations: expected,
      };
    }
    const applied = await pool.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE}`);
    const done = new Set(applied.rows.map((row) => stripExtension(row.name)));
    const pending = expected.filter((name) => !done.has(name));
    if (pending.length > 0) {
      return {
        ready: false,
        reason: `${pending.length} migration(s) not applied: run \`pnpm db:migrate\``,
        pendingMigrations: pending,
      };
    }
    if (!tables.worker) {
      return { ready: false, reason: "graphile-worker's schema is not installed: run `pnpm db:migrate`" };
    }
    return { ready: true };
  };
  return () => withTimeout(check(), CHECK_TIMEOUT_MS);
}

async function withTimeout(check: Promise<Readiness>, ms: number): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Readiness>((resolve) => {
    timer = setTimeout(() => resolve({ ready: false, reason: `PostgreSQL did not answer within ${ms} ms` }), ms);
  });
  try {
    return await Promise.race([
      check.catch((): Readiness => ({ ready: false, reason: "PostgreSQL is unreachable" })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
