import { Migration } from '@mikro-orm/migrations';

/**
 * Sales per variant and per product over the Analytics presets (7, 30, 90, 365 days through
 * yesterday), kept by the sales rollup so Stock health and Products read an index instead of a
 * year of sales_daily rows; (variant_id, day) on sales_daily so a run recomputes only the variants
 * it touched.
 */
export class Migration20261204171000_sales_periods extends Migration {

  override name = 'Migration20261204171000_sales_periods';

  override up(): void | Promise<void> {
    this.addSql(`create table "sales_period_state" ("id" uuid not null, "organization_id" text not null, "period_days" int not null, "through" date not null, "shops" text[] not null default '{}', "refreshed_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "sales_period_state" add constraint "sales_period_state_organization_id_period_days_unique" unique ("organization_id", "period_days");`);

    this.addSql(`create table "sales_period_product" ("id" uuid not null, "organization_id" text not null, "period_days" int not null, "product_id" uuid not null, "currency" text not null, "units" int not null default 0, "revenue" bigint not null default '0', primary key ("id"));`);
    this.addSql(`create index "sales_period_product_organization_id_period_days_revenue_index" on "sales_period_product" ("organization_id", "period_days", "revenue");`);
    this.addSql(`alter table "sales_period_product" add constraint "sales_period_product_organization_id_period_days__1cc96_unique" unique ("organization_id", "period_days", "product_id", "currency");`);

    this.addSql(`create table "sales_period_variant" ("id" uuid not null, "organization_id" text not null, "period_days" int not null, "variant_id" uuid not null, "sku" text not null, "units" int not null default 0, "revenues" jsonb not null default '[]', primary key ("id"));`);
    this.addSql(`create index "sales_period_variant_rank_index" on "sales_period_variant" ("organization_id", "period_days", "units" desc, "sku");`);
    this.addSql(`alter table "sales_period_variant" add constraint "sales_period_variant_organization_id_period_days__fc30b_unique" unique ("organization_id", "period_days", "variant_id");`);

    this.addSql(`create index "sales_daily_variant_id_day_index" on "sales_daily" ("variant_id", "day");`);

    this.addSql(`alter table "sales_period_state" add constraint "sales_period_state_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`);

    this.addSql(`alter table "sales_period_product" add constraint "sales_period_product_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "sales_period_product" add constraint "sales_period_product_product_id_foreign" foreign key ("product_id") references "product" ("id") on delete cascade;`);

    this.addSql(`alter table "sales_period_variant" add constraint "sales_period_variant_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "sales_period_variant" add constraint "sales_period_variant_variant_id_foreign" foreign key ("variant_id") references "variant" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "sales_period_state" cascade;`);
    this.addSql(`drop table if exists "sales_period_product" cascade;`);
    this.addSql(`drop table if exists "sales_period_variant" cascade;`);

    this.addSql(`drop index "sales_daily_variant_id_day_index";`);
  }

}
