import type { EntityManager, InferKyselyDB } from "@mikro-orm/postgresql";
import type { ColumnType } from "kysely";
import type { entities } from "./entities";

type Inferred = InferKyselyDB<(typeof entities)[number]>;
/** A column PostgreSQL computes (`generated … stored`, `persist(false)` in the entity): read, never written. */
type GeneratedColumn<T> = ColumnType<T, never, never>;

/**
 * The database as Kysely sees it, inferred from the entities (table and column names as in SQL).
 * Inference leaves out the columns the entities do not persist, so the generated stock columns
 * are added here.
 */
export type Database = Omit<Inferred, "stock_level"> & {
  stock_level: Inferred["stock_level"] & { reserved: GeneratedColumn<number>; available: GeneratedColumn<number> };
};

/**
 * A Kysely query builder typed from the entities, on the EntityManager's connection (inside its
 * transaction when it has one). Values are converted as the entities declare them: `bigint`
 * amounts come back as numbers and timestamps as `Date`s (raw `sqlRows` returns both as strings).
 * Use it for reads over entity columns whose row type would otherwise be written by hand; keep
 * `sqlRows` for set-based writes, SQL functions and queue statements (docs/architecture.md).
 */
export function typedSql(em: EntityManager) {
  return em.getKysely<Database>({ convertValues: true });
}
