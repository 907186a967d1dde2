import { Migrator } from "@mikro-orm/migrations";
import { defineConfig, MikroORM, type Options } from "@mikro-orm/postgresql";
import { getConfig } from "@syncstore/config";
import { entities } from "./entities";
import { migrationsList } from "./migrations";
import { TenantSubscriber, tenantFilter } from "./tenant";

export type Orm = MikroORM;

export function ormConfig(url: string, overrides: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl: url,
    entities,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: true },
    filters: { tenant: tenantFilter },
    subscribers: [new TenantSubscriber()],
    pool: { min: 0, max: 10 },
    migrations: {
      tableName: "mikro_orm_migrations",
      path: new URL("./migrations", import.meta.url).pathname,
      pathTs: new URL("./migrations", import.meta.url).pathname,
      migrationsList,
      snapshot: true,
      snapshotName: ".snapshot-syncstore",
      emit: "ts",
      silent: true,
    },
    // Queries are logged at debug level by the process logger, never with parameter values.
    debug: false,
    ...overrides,
  });
}

export async function createOrm(url?: string, overrides: Partial<Options> = {}): Promise<Orm> {
  if (url) return MikroORM.init(ormConfig(url, overrides));
  const config = getConfig();
  return MikroORM.init(
    ormConfig(config.DATABASE_URL, { pool: { min: 0, max: config.DATABASE_POOL_MAX }, ...overrides }),
  );
}

const globalForOrm = globalThis as unknown as { __syncstoreOrm?: Promise<Orm> };

/** The process-wide ORM (one pool per process; survives Next.js hot reloads). */
export function getOrm(): Promise<Orm> {
  globalForOrm.__syncstoreOrm ??= createOrm();
  return globalForOrm.__syncstoreOrm;
}
