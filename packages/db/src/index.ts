export * from "./entities";
export { migrateDatabase, pendingMigrations } from "./migrate";
export { createOrm, getOrm, ormConfig, type Orm } from "./orm";
export { migrationsList } from "./migrations";
export { seedDemo, demoLogin } from "./seed";
export { generateDemoCatalog, insertCatalog, seedDemoCatalog, type DemoCatalog } from "./seed-catalog";
export { forOrganization, TENANT_FILTER, TenantScopeError, tenantEntities } from "./tenant";
export type { EntityManager } from "@mikro-orm/postgresql";
export type { QueryResult } from "@mikro-orm/core";
export { LockMode } from "@mikro-orm/core";
export { cursorChunks, sqlRows } from "./sql";
export { typedSql, type Database } from "./typed-sql";
export {
  applyStockMovements,
  readStockLevels,
  setStockLevels,
  type AppliedDelta,
  type ApplyStockMovements,
  type BucketMove,
  type SetStockLevels,
  type StockDelta,
  type StockMove,
  type StockRow,
  type StockSource,
} from "./stock";
