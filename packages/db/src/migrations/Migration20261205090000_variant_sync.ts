import { Migration } from '@mikro-orm/migrations';

/**
 * `variant_sync`: each variant's sync status (the worst state of its enabled, linked listings;
 * `not_listed` without any), so the grid's 63 sync-status filter combinations are an equality on an
 * indexed column instead of a walk over 200,000 listings (bench:catalog: 14 of 63 within 2x the
 * unfiltered block before). Kept by statement-level triggers, so every writer of `listing` (sync
 * engine, conflicts, linking, bulk actions, disconnects, deletes) updates it in its own statement:
 * - `variant_sync_refresh(ids)` recomputes the given variants in id order (one lock order for every
 *   writer) and writes only rows whose status changed;
 * - listing insert/delete refresh the rows' variants; a listing update refreshes the old and new
 *   variant of rows whose state, enabled flag or variant changed;
 * - a new variant starts `not_listed`; a deleted one's row goes with it (foreign key cascade).
 * The rows live in their own table, not on `variant`, so a push changing a listing's state never
 * locks the variant row a catalog edit is saving.
 */
export class Migration20261205090000_variant_sync extends Migration {

  override name = 'Migration20261205090000_variant_sync';

  override up(): void | Promise<void> {
    this.addSql(`create table "variant_sync" ("variant_id" uuid not null, "organization_id" text not null, "status" text not null, primary key ("variant_id"));`);
    this.addSql(`create index "variant_sync_organization_id_status_index" on "variant_sync" ("organization_id", "status");`);
    this.addSql(`alter table "variant_sync" add constraint "variant_sync_variant_id_foreign" foreign key ("variant_id") references "variant" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "variant_sync" add constraint "variant_sync_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "variant_sync" add constraint "variant_sync_status_check" check ("status" in ('failed', 'conflict', 'syncing', 'pending', 'in_sync', 'not_listed'));`);

    // plpgsql, not sql: its statement's plan is cached per session instead of planned on every call.
    this.addSql(`create or replace function "variant_sync_refresh"(ids uuid[]) returns void language plpgsql as $$
      begin
        insert into variant_sync (variant_id, organization_id, status)
        select v.id, v.organization_id,
               coalesce((select ls.sync_state from listing ls
                          where ls.organization_id = v.organization_id and ls.variant_id = v.id and ls.enabled
                            and ls.sync_state in ('failed', 'conflict', 'syncing', 'pending', 'in_sync')
                          order by array_position(array['failed', 'conflict', 'syncing', 'pending', 'in_sync'], ls.sync_state::text)
                          limit 1), 'not_listed')
          from variant v where v.id = any(ids)
         order by v.id
        on conflict (variant_id) do update set status = excluded.status
         where variant_sync.status is distinct from excluded.status;
      end $$;`);
    this.addSql(`create or replace function "listing_variant_sync_fn"() returns trigger language plpgsql as $$
      declare ids uuid[];
      begin
        if tg_op = 'INSERT' then
          select array_agg(distinct variant_id) into ids from new_rows where variant_id is not null;
        elsif tg_op = 'DELETE' then
          select array_agg(distinct variant_id) into ids from old_rows where variant_id is not null;
        else
          select array_agg(distinct x.variant_id) into ids
            from new_rows n join old_rows o on o.id = n.id
            cross join lateral (values (n.variant_id), (o.variant_id)) x(variant_id)
           where x.variant_id is not null
             and (n.sync_state, n.enabled, n.variant_id) is distinct from (o.sync_state, o.enabled, o.variant_id);
        end if;
        if ids is not null then perform variant_sync_refresh(ids); end if;
        return null;
      end $$;`);
    this.addSql(`create trigger "variant_sync_insert" after insert on "listing" referencing new table as new_rows for each statement execute function "listing_variant_sync_fn"();`);
    this.addSql(`create trigger "variant_sync_update" after update on "listing" referencing old table as old_rows new table as new_rows for each statement execute function "listing_variant_sync_fn"();`);
    this.addSql(`create trigger "variant_sync_delete" after delete on "listing" referencing old table as old_rows for each statement execute function "listing_variant_sync_fn"();`);
    this.addSql(`create or replace function "variant_variant_sync_fn"() returns trigger language plpgsql as $$
      begin
        insert into variant_sync (variant_id, organization_id, status)
        select id, organization_id, 'not_listed' from new_rows order by id on conflict (variant_id) do nothing;
        return null;
      end $$;`);
    this.addSql(`create trigger "variant_sync_new_variant" after insert on "variant" referencing new table as new_rows for each statement execute function "variant_variant_sync_fn"();`);
    this.addSql(`select variant_sync_refresh(array(select id from variant));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "variant_sync_new_variant" on "variant";`);
    this.addSql(`drop trigger if exists "variant_sync_insert" on "listing";`);
    this.addSql(`drop trigger if exists "variant_sync_update" on "listing";`);
    this.addSql(`drop trigger if exists "variant_sync_delete" on "listing";`);
    this.addSql(`drop function if exists "variant_variant_sync_fn"();`);
    this.addSql(`drop function if exists "listing_variant_sync_fn"();`);
    this.addSql(`drop function if exists "variant_sync_refresh"(uuid[]);`);
    this.addSql(`drop table if exists "variant_sync" cascade;`);
  }

}
