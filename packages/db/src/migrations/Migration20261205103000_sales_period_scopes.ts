import { Migration } from '@mikro-orm/migrations';

/**
 * Sales periods per shop as well as across all shops (`scope`: 'all' or the connection id), so a
 * single-shop filter on a preset reads the rollup too; `product_id` on sales_period_variant, so the
 * rollup notices a variant moved to another product and recomputes both products' sums; an index on
 * its `variant_id` for that check, the SKU follow-up and the cascade when a variant is deleted;
 * two variant indexes for the Pricing section (price distribution, low margins) and covering ones
 * on variant and product for the rows Stock health lists.
 */
export class Migration20261205103000_sales_period_scopes extends Migration {

  override name = 'Migration20261205103000_sales_period_scopes';

  override up(): void | Promise<void> {
    this.addSql(`alter table "sales_period_state" add column "scope" text not null default 'all';`);
    this.addSql(`alter table "sales_period_state" drop constraint "sales_period_state_organization_id_period_days_unique";`);
    this.addSql(`alter table "sales_period_state" add constraint "sales_period_state_organization_id_period_days_scope_unique" unique ("organization_id", "period_days", "scope");`);

    this.addSql(`alter table "sales_period_product" add column "scope" text not null default 'all';`);
    this.addSql(`drop index "sales_period_product_organization_id_period_days_revenue_index";`);
    this.addSql(`alter table "sales_period_product" drop constraint "sales_period_product_organization_id_period_days__1cc96_unique";`);
    this.addSql(`create index "sales_period_product_organization_id_period_days_s_b121d_index" on "sales_period_product" ("organization_id", "period_days", "scope", "revenue");`);
    this.addSql(`alter table "sales_period_product" add constraint "sales_period_product_organization_id_period_days__73a9b_unique" unique ("organization_id", "period_days", "scope", "product_id", "currency");`);

    this.addSql(`alter table "sales_period_variant" add column "scope" text not null default 'all', add column "product_id" uuid null;`);
    this.addSql(`update "sales_period_variant" s set "product_id" = v."product_id" from "variant" v where v."id" = s."variant_id";`);
    this.addSql(`drop index "sales_period_variant_rank_index";`);
    this.addSql(`alter table "sales_period_variant" drop constraint "sales_period_variant_organization_id_period_days__fc30b_unique";`);
    this.addSql(`create index "sales_period_variant_rank_index" on "sales_period_variant" ("organization_id", "period_days", "scope", "units" desc, "sku");`);
    this.addSql(`alter table "sales_period_variant" add constraint "sales_period_variant_organization_id_period_days__4ce82_unique" unique ("organization_id", "period_days", "scope", "variant_id");`);
    this.addSql(`create index "sales_period_variant_variant_id_index" on "sales_period_variant" ("variant_id");`);

    this.addSql(`create index "variant_organization_id_product_id_price_index" on "variant" ("organization_id", "product_id", "price");`);
    this.addSql(`create index "variant_margin_index" on "variant" ("organization_id", ((("price" - "cost"))::float8 / greatest("price", 1))) where "cost" is not null;`);
    this.addSql(`create index "variant_listing_index" on "variant" ("id") include ("sku", "product_id");`);
    this.addSql(`create index "product_listing_index" on "product" ("id") include ("title", "status");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "product_listing_index";`);
    this.addSql(`drop index "variant_listing_index";`);
    this.addSql(`drop index "variant_margin_index";`);
    this.addSql(`drop index "variant_organization_id_product_id_price_index";`);
    this.addSql(`delete from "sales_period_variant" where "scope" <> 'all';`);
    this.addSql(`delete from "sales_period_product" where "scope" <> 'all';`);
    this.addSql(`delete from "sales_period_state" where "scope" <> 'all';`);

    this.addSql(`drop index "sales_period_variant_variant_id_index";`);
    this.addSql(`alter table "sales_period_variant" drop constraint "sales_period_variant_organization_id_period_days__4ce82_unique";`);
    this.addSql(`drop index "sales_period_variant_rank_index";`);
    this.addSql(`alter table "sales_period_variant" drop column "scope", drop column "product_id";`);
    this.addSql(`create index "sales_period_variant_rank_index" on "sales_period_variant" ("organization_id", "period_days", "units" desc, "sku");`);
    this.addSql(`alter table "sales_period_variant" add constraint "sales_period_variant_organization_id_period_days__fc30b_unique" unique ("organization_id", "period_days", "variant_id");`);

    this.addSql(`alter table "sales_period_product" drop constraint "sales_period_product_organization_id_period_days__73a9b_unique";`);
    this.addSql(`drop index "sales_period_product_organization_id_period_days_s_b121d_index";`);
    this.addSql(`alter table "sales_period_product" drop column "scope";`);
    this.addSql(`create index "sales_period_product_organization_id_period_days_revenue_index" on "sales_period_product" ("organization_id", "period_days", "revenue");`);
    this.addSql(`alter table "sales_period_product" add constraint "sales_period_product_organization_id_period_days__1cc96_unique" unique ("organization_id", "period_days", "product_id", "currency");`);

    this.addSql(`alter table "sales_period_state" drop constraint "sales_period_state_organization_id_period_days_scope_unique";`);
    this.addSql(`alter table "sales_period_state" drop column "scope";`);
    this.addSql(`alter table "sales_period_state" add constraint "sales_period_state_organization_id_period_days_unique" unique ("organization_id", "period_days");`);
  }

}
