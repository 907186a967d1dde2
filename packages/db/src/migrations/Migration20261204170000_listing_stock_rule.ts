import { Migration } from '@mikro-orm/migrations';

/**
 * A listing keeps its whole stock rule (buffer, percentage, fixed, cap, stop selling below N with a
 * preferred shop) as one jsonb value of the same shape as the shop's and the organization's rule;
 * null means the shop's rule (or the organization default) applies. The old buffer and cap columns
 * are carried over into it and dropped.
 */
export class Migration20261204170000_listing_stock_rule extends Migration {

  override name = 'Migration20261204170000_listing_stock_rule';

  override up(): void | Promise<void> {
    this.addSql(`alter table "listing" add column "stock_rule" jsonb null;`);
    this.addSql(`update "listing" set "stock_rule" = jsonb_strip_nulls(jsonb_build_object('buffer', nullif("stock_buffer", 0), 'max', "stock_cap")) where "stock_buffer" > 0 or "stock_cap" is not null;`);
    this.addSql(`alter table "listing" drop constraint if exists "listing_stock_buffer_check";`);
    this.addSql(`alter table "listing" drop constraint if exists "listing_stock_cap_check";`);
    this.addSql(`alter table "listing" drop column "stock_buffer", drop column "stock_cap";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "listing" add column "stock_buffer" int not null default 0, add column "stock_cap" int null;`);
    this.addSql(`update "listing" set "stock_buffer" = coalesce(("stock_rule" ->> 'buffer')::int, 0), "stock_cap" = ("stock_rule" ->> 'max')::int where "stock_rule" is not null;`);
    this.addSql(`alter table "listing" add constraint "listing_stock_buffer_check" check (stock_buffer >= 0);`);
    this.addSql(`alter table "listing" add constraint "listing_stock_cap_check" check (stock_cap >= 0);`);
    this.addSql(`alter table "listing" drop column "stock_rule";`);
  }

}
