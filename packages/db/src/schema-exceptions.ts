/**
 * Schema statements MikroORM 7.2 would emit although the schema is right: it leaves generated
 * (non-persisted) columns, defineEntity triggers and hand-written functions out of its diff, so a
 * diff against a migrated database, or a generated migration, asks to drop them. The schema-drift
 * test ignores exactly these, and `pnpm db:migration:create` strips them from what it generates,
 * so the next migration can never drop them by accident.
 */
export const handWrittenSchemaStatements: readonly RegExp[] = [
  // graphile-worker owns its schema (installed by its own migrations).
  /"graphile_worker"/,
  // The catalog search functions are created by hand in a migration.
  /^drop function if exists "catalog_search_(text|vector)"/,
  // stock_level's generated columns and its default-location trigger (see entities/catalog.ts).
  /^alter table "stock_level" drop column "(reserved|available)"(, drop column "(reserved|available)")?$/,
  /^alter table "stock_level" add "(reserved|available)" int generated always/,
  /^drop trigger if exists "default_location" on "stock_level"$/,
  /^drop function if exists "stock_level_default_location_fn"\(\)$/,
  /^create or replace function "stock_level_default_location_fn"\(\)/,
  /^create trigger "default_location"/,
  // The audit label lookup and its insert trigger on audit_log (Migration20261203140000_audit_labels).
  /^drop trigger if exists "entity_label" on "audit_log"$/,
  /^drop function if exists "audit_log_entity_label_fn"\(\)$/,
  /^create or replace function "audit_log_entity_label_fn"\(\)/,
  /^create trigger "entity_label"/,
  /^drop function if exists "audit_entity_label"/,
  // variant_sync's triggers on listing, variant and product and its refresh function
  // (Migration20261205090000_variant_sync, Migration20261206090000_variant_sync_order).
  /^drop trigger if exists "variant_sync_(insert|update|delete|new_variant|variant_order|product_order)" on "(listing|variant|product)"$/,
  /^drop function if exists "(listing|variant|product)_variant_sync_\w*fn"\(\)$/,
  /^drop function if exists "variant_sync_refresh"/,
  // The cache-invalidation NOTIFY triggers (Migration20261205100000_cache_invalidation).
  /^drop trigger if exists "\w+_cache(_\w+)?" on "(organization|user|session|member|category|product|variant|stock_level|listing|channel_connection)"$/,
  /^drop function if exists "\w+_cache(_\w+)?_fn"\(\)$/,
];

/** Whether MikroORM's diff produced this statement only because it does not model the object. */
export function isHandWrittenSchemaStatement(statement: string): boolean {
  const trimmed = statement.trim().replace(/;$/, "");
  return handWrittenSchemaStatements.some((pattern) => pattern.test(trimmed));
}
