import { Migration } from '@mikro-orm/migrations';

/**
 * Change notifications for the web server's in-process caches (packages/api/src/core/cache):
 * triggers on every table the signed-in context or the catalog grid reads send a NOTIFY on channel
 * `syncstore_cache` from the writing transaction, so it is delivered only when that transaction
 * commits, whichever process wrote (web, worker, gateway, better-auth, a psql session).
 *
 * - `auth`: a session changed or went (sign-out, revoke, organization switch), a membership or role
 *   changed, a user or an organization changed. Caches of sessions, memberships and `me.context`
 *   are flushed.
 * - `catalog:<organization id>`: a row the grid shows changed (product, variant, category, stock
 *   on hand, listing sync columns, a shop's name, the organization's currency). That
 *   organization's cached grid blocks are dropped.
 *
 * Bulk statements notify once per statement and organization (statement-level triggers over
 * transition tables); PostgreSQL folds repeated identical notifications of one transaction.
 */
const catalogTables = ['product', 'variant', 'category'];

export class Migration20261205100000_cache_invalidation extends Migration {

  override name = 'Migration20261205100000_cache_invalidation';

  override up(): void | Promise<void> {
    this.addSql(`create function syncstore_notify_auth() returns trigger language plpgsql as $$
begin
  perform pg_notify('syncstore_cache', 'auth');
  return null;
end $$;`);
    this.addSql(`create function syncstore_notify_catalog_rows() returns trigger language plpgsql as $$
begin
  perform pg_notify('syncstore_cache', 'catalog:' || o) from (select distinct organization_id as o from changed_rows) t;
  return null;
end $$;`);
    this.addSql(`create function syncstore_notify_catalog_row() returns trigger language plpgsql as $$
begin
  if tg_op <> 'INSERT' then perform pg_notify('syncstore_cache', 'catalog:' || old.organization_id); end if;
  if tg_op <> 'DELETE' then perform pg_notify('syncstore_cache', 'catalog:' || new.organization_id); end if;
  return null;
end $$;`);
    for (const table of catalogTables) {
      this.addSql(`create trigger "${table}_cache_insert" after insert on "${table}" referencing new table as changed_rows
  for each statement execute function syncstore_notify_catalog_rows();`);
      this.addSql(`create trigger "${table}_cache_update" after update on "${table}" referencing new table as changed_rows
  for each statement execute function syncstore_notify_catalog_rows();`);
      this.addSql(`create trigger "${table}_cache_delete" after delete on "${table}" referencing old table as changed_rows
  for each statement execute function syncstore_notify_catalog_rows();`);
    }
    // Orders move stock between buckets all the time; the grid shows only what is on hand.
    this.addSql(`create trigger "stock_level_cache_insert_delete" after insert or delete on "stock_level"
  for each row execute function syncstore_notify_catalog_row();`);
    this.addSql(`create trigger "stock_level_cache_update" after update on "stock_level" for each row
  when ((old.organization_id, old.variant_id, old.location_id, old.on_hand)
    is distinct from (new.organization_id, new.variant_id, new.location_id, new.on_hand))
  execute function syncstore_notify_catalog_row();`);
    // Listings change often (every push); only the columns the grid's sync status reads matter.
    this.addSql(`create trigger "listing_cache_insert_delete" after insert or delete on "listing"
  for each row execute function syncstore_notify_catalog_row();`);
    this.addSql(`create trigger "listing_cache_update" after update on "listing" for each row
  when ((old.organization_id, old.variant_id, old.connection_id, old.enabled, old.sync_state, old.last_error)
    is distinct from (new.organization_id, new.variant_id, new.connection_id, new.enabled, new.sync_state, new.last_error))
  execute function syncstore_notify_catalog_row();`);
    // A shop's name is the grid's sync channel; its health and quota change constantly and do not show.
    this.addSql(`create trigger "channel_connection_cache" after update on "channel_connection" for each row
  when (old.name is distinct from new.name) execute function syncstore_notify_catalog_row();`);
    this.addSql(`create function syncstore_notify_organization_currency() returns trigger language plpgsql as $$
begin
  perform pg_notify('syncstore_cache', 'catalog:' || new.id);
  return null;
end $$;`);
    this.addSql(`create trigger "organization_cache_currency" after update on "organization" for each row
  when (old.currency is distinct from new.currency) execute function syncstore_notify_organization_currency();`);
    this.addSql(`create trigger "session_cache" after update or delete on "session"
  for each statement execute function syncstore_notify_auth();`);
    this.addSql(`create trigger "member_cache" after insert or update or delete on "member"
  for each statement execute function syncstore_notify_auth();`);
    this.addSql(`create trigger "user_cache" after update or delete on "user"
  for each statement execute function syncstore_notify_auth();`);
    this.addSql(`create trigger "organization_cache" after update or delete on "organization"
  for each statement execute function syncstore_notify_auth();`);
  }

  override down(): void | Promise<void> {
    for (const table of catalogTables) {
      for (const event of ['insert', 'update', 'delete']) this.addSql(`drop trigger "${table}_cache_${event}" on "${table}";`);
    }
    this.addSql(`drop trigger "stock_level_cache_insert_delete" on "stock_level";`);
    this.addSql(`drop trigger "stock_level_cache_update" on "stock_level";`);
    this.addSql(`drop trigger "listing_cache_insert_delete" on "listing";`);
    this.addSql(`drop trigger "listing_cache_update" on "listing";`);
    this.addSql(`drop trigger "channel_connection_cache" on "channel_connection";`);
    this.addSql(`drop trigger "organization_cache_currency" on "organization";`);
    for (const table of ['session', 'member', 'user', 'organization']) this.addSql(`drop trigger "${table}_cache" on "${table}";`);
    this.addSql(`drop function syncstore_notify_organization_currency();`);
    this.addSql(`drop function syncstore_notify_catalog_row();`);
    this.addSql(`drop function syncstore_notify_catalog_rows();`);
    this.addSql(`drop function syncstore_notify_auth();`);
  }

}
