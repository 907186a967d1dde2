import { Migration } from '@mikro-orm/migrations';

/**
 * The grid's default order beside each variant's sync status: `variant_sync` carries its variant's
 * product title, product and position (the sort keys of the default order, by title) and has an
 * index on (organization, status, title, product, position, variant). A block filtered by sync
 * status in that order reads each chosen status's first rows straight off it, merged, instead of
 * walking every variant in title order and probing its status (about 1,150 probes for the first 100
 * failed variants when one in ten fails; bench:catalog 57-58 of 63 filter combinations within 2x
 * the unfiltered block before). The (organization, status) index stays for the counts: its entries
 * deduplicate (744 kB against 22 MB at 100,000 variants), so counting 10,000 reads 11 pages, not 160.
 * The copies are kept by the same family of triggers:
 * - a new variant's row takes its product's title, its product and position;
 * - `variant_sync_refresh(ids)` inserts them with a missing row (and updates only the status);
 * - a variant update that changed its product or position, and a product update that changed its
 *   title, update the rows of the variants concerned (statement triggers comparing the old and new
 *   rows in memory, so an update that changes none of them, like a bulk price change, probes no
 *   variant_sync row: 18 ms of trigger time for 10,000 variants' prices on the loaded bench
 *   machine, against 140-180 ms comparing each new row with its variant_sync row). A title change
 *   rewrites its variants' rows (3,000 products, ~10,000 rows: about 1 s there, under load).
 */
export class Migration20261206090000_variant_sync_order extends Migration {

  override name = 'Migration20261206090000_variant_sync_order';

  override up(): void | Promise<void> {
    this.addSql(`alter table "variant_sync" add column "title" text null, add column "product_id" uuid null, add column "position" int null;`);
    this.addSql(`update "variant_sync" vs set "title" = p."title", "product_id" = v."product_id", "position" = v."position"
      from "variant" v join "product" p on p."id" = v."product_id" where vs."variant_id" = v."id";`);
    this.addSql(`alter table "variant_sync" alter column "title" set not null, alter column "product_id" set not null, alter column "position" set not null;`);
    this.addSql(`create index "variant_sync_order_index" on "variant_sync" ("organization_id", "status", "title", "product_id", "position", "variant_id");`);

    this.addSql(`create or replace function "variant_sync_refresh"(ids uuid[]) returns void language plpgsql as $$
      begin
        insert into variant_sync (variant_id, organization_id, status, title, product_id, position)
        select v.id, v.organization_id,
               coalesce((select ls.sync_state from listing ls
                          where ls.organization_id = v.organization_id and ls.variant_id = v.id and ls.enabled
                            and ls.sync_state in ('failed', 'conflict', 'syncing', 'pending', 'in_sync')
                          order by array_position(array['failed', 'conflict', 'syncing', 'pending', 'in_sync'], ls.sync_state::text)
                          limit 1), 'not_listed'),
               (select p.title from product p where p.id = v.product_id), v.product_id, v.position
          from variant v where v.id = any(ids)
         order by v.id
        on conflict (variant_id) do update set status = excluded.status
         where variant_sync.status is distinct from excluded.status;
      end $$;`);
    this.addSql(`create or replace function "variant_variant_sync_fn"() returns trigger language plpgsql as $$
      begin
        insert into variant_sync (variant_id, organization_id, status, title, product_id, position)
        select n.id, n.organization_id, 'not_listed', p.title, n.product_id, n.position
          from new_rows n join product p on p.id = n.product_id
         order by n.id on conflict (variant_id) do nothing;
        return null;
      end $$;`);
    // The changed ids first, then their rows: one statement joining the transition tables to
    // variant_sync is planned without their sizes (a hash of all of variant_sync, then JIT: 1 s).
    this.addSql(`create or replace function "variant_variant_sync_order_fn"() returns trigger language plpgsql as $$
      declare ids uuid[];
      begin
        select array_agg(n.id) into ids from new_rows n join old_rows o on o.id = n.id
         where (n.product_id, n.position) is distinct from (o.product_id, o.position);
        if ids is not null then
          -- Row locks in variant id order, as variant_sync_refresh takes them: no deadlock with it.
          perform 1 from variant_sync where variant_id = any(ids) order by variant_id for update;
          update variant_sync vs set product_id = v.product_id, position = v.position, title = p.title
            from variant v join product p on p.id = v.product_id
           where v.id = any(ids) and vs.variant_id = v.id;
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger "variant_sync_variant_order" after update on "variant" referencing old table as old_rows new table as new_rows for each statement execute function "variant_variant_sync_order_fn"();`);
    this.addSql(`create or replace function "product_variant_sync_order_fn"() returns trigger language plpgsql as $$
      declare ids uuid[];
      begin
        select array_agg(n.id) into ids from new_rows n join old_rows o on o.id = n.id
         where n.title is distinct from o.title;
        if ids is not null then
          -- Row locks in variant id order, as variant_sync_refresh takes them: no deadlock with it.
          perform 1 from variant_sync vs join variant v on v.id = vs.variant_id
           where v.product_id = any(ids) order by vs.variant_id for update of vs;
          update variant_sync vs set title = p.title
            from product p join variant v on v.product_id = p.id
           where p.id = any(ids) and vs.variant_id = v.id;
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger "variant_sync_product_order" after update on "product" referencing old table as old_rows new table as new_rows for each statement execute function "product_variant_sync_order_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "variant_sync_product_order" on "product";`);
    this.addSql(`drop trigger if exists "variant_sync_variant_order" on "variant";`);
    this.addSql(`drop function if exists "product_variant_sync_order_fn"();`);
    this.addSql(`drop function if exists "variant_variant_sync_order_fn"();`);
    this.addSql(`create or replace function "variant_variant_sync_fn"() returns trigger language plpgsql as $$
      begin
        insert into variant_sync (variant_id, organization_id, status)
        select id, organization_id, 'not_listed' from new_rows order by id on conflict (variant_id) do nothing;
        return null;
      end $$;`);
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
    this.addSql(`drop index if exists "variant_sync_order_index";`);
    this.addSql(`alter table "variant_sync" drop column "title", drop column "product_id", drop column "position";`);
  }

}
