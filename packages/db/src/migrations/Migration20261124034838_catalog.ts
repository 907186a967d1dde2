import { Migration } from "@mikro-orm/migrations";

export class Migration20261124034838_catalog extends Migration {
  override name = "Migration20261124034838_catalog";

  override up(): void | Promise<void> {
    // Added by hand (the generator does not emit extensions or functions): trigram matching and the
    // immutable helpers the expression indexes below are built on. Queries use the same expressions.
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(
      `create or replace function catalog_search_text(value text) returns text language sql immutable parallel safe as $$ select lower(regexp_replace(coalesce(value, ''), '[-_./]+', '', 'g')) $$;`,
    );
    this.addSql(
      `create or replace function catalog_search_vector(title text, brand text, tags text[]) returns tsvector language sql immutable parallel safe as $$ select setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('simple'::regconfig, coalesce(brand, '')), 'B') || setweight(to_tsvector('simple'::regconfig, coalesce(array_to_string(tags, ' '), '')), 'C') $$;`,
    );

    this.addSql(
      `create table "category" ("id" uuid not null, "organization_id" text not null, "parent_id" uuid null, "name" text not null, "path" text not null, "position" int not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `create index "category_organization_id_parent_id_position_index" on "category" ("organization_id", "parent_id", "position");`,
    );
    this.addSql(
      `alter table "category" add constraint "category_organization_id_path_unique" unique ("organization_id", "path");`,
    );

    this.addSql(
      `create table "saved_view" ("id" uuid not null, "organization_id" text not null, "user_id" text not null, "grid" text not null, "name" text not null, "state" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "saved_view_user_id_index" on "saved_view" ("user_id");`);
    this.addSql(
      `alter table "saved_view" add constraint "saved_view_organization_id_user_id_grid_name_unique" unique ("organization_id", "user_id", "grid", "name");`,
    );

    this.addSql(
      `create table "product" ("id" uuid not null, "organization_id" text not null, "title" text not null, "description" text null, "brand" text null, "category_id" uuid null, "status" text not null default 'draft', "images" jsonb not null default '[]', "attributes" jsonb not null default '{}', "tags" text[] not null default '{}', "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "created_by_id" text null, "updated_by_id" text null, primary key ("id"));`,
    );
    this.addSql(`create index "product_organization_id_title_index" on "product" ("organization_id", "title");`);
    this.addSql(`create index "product_organization_id_brand_index" on "product" ("organization_id", "brand");`);
    this.addSql(`create index "product_organization_id_status_index" on "product" ("organization_id", "status");`);
    this.addSql(
      `create index "product_organization_id_category_id_index" on "product" ("organization_id", "category_id");`,
    );
    this.addSql(
      `create index "product_organization_id_updated_at_index" on "product" ("organization_id", "updated_at");`,
    );
    this.addSql(
      `create index "product_title_trgm_index" on "product" using gin (catalog_search_text("title") gin_trgm_ops);`,
    );
    this.addSql(`create index "product_brand_trgm_index" on "product" using gin ("brand" gin_trgm_ops);`);
    this.addSql(
      `create index "product_search_index" on "product" using gin (catalog_search_vector("title", "brand", "tags"));`,
    );

    this.addSql(
      `create table "user_grid_state" ("id" uuid not null, "organization_id" text not null, "user_id" text not null, "grid" text not null, "state" jsonb not null, "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "user_grid_state_user_id_index" on "user_grid_state" ("user_id");`);
    this.addSql(
      `alter table "user_grid_state" add constraint "user_grid_state_organization_id_user_id_grid_unique" unique ("organization_id", "user_id", "grid");`,
    );

    this.addSql(
      `create table "variant" ("id" uuid not null, "organization_id" text not null, "product_id" uuid not null, "sku" text not null, "options" jsonb not null default '{}', "price" bigint not null default '0', "compare_at_price" bigint null, "cost" bigint null, "barcode" text null, "weight_grams" int null, "position" int not null default 0, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "variant_product_id_position_index" on "variant" ("product_id", "position");`);
    this.addSql(`create index "variant_organization_id_price_index" on "variant" ("organization_id", "price");`);
    this.addSql(
      `create index "variant_organization_id_updated_at_index" on "variant" ("organization_id", "updated_at");`,
    );
    this.addSql(`create index "variant_sku_trgm_index" on "variant" using gin ("sku" gin_trgm_ops);`);
    this.addSql(
      `alter table "variant" add constraint "variant_organization_id_sku_unique" unique ("organization_id", "sku");`,
    );

    this.addSql(
      `create table "stock_level" ("id" uuid not null, "organization_id" text not null, "variant_id" uuid not null, "on_hand" int not null default 0, "reserved" int not null default 0, "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`alter table "stock_level" add constraint "stock_level_variant_id_unique" unique ("variant_id");`);
    this.addSql(
      `create index "stock_level_organization_id_on_hand_index" on "stock_level" ("organization_id", "on_hand");`,
    );

    this.addSql(
      `create table "inventory_movement" ("id" uuid not null, "organization_id" text not null, "variant_id" uuid not null, "delta" int not null, "reason" text not null, "source_ref" text null, "actor_id" text null, "before" int not null, "after" int not null, "at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `create index "inventory_movement_organization_id_variant_id_at_index" on "inventory_movement" ("organization_id", "variant_id", "at");`,
    );
    this.addSql(
      `create index "inventory_movement_organization_id_at_index" on "inventory_movement" ("organization_id", "at");`,
    );

    this.addSql(`alter table "organization" add "currency" text not null default 'USD';`);

    this.addSql(
      `alter table "category" add constraint "category_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "category" add constraint "category_parent_id_foreign" foreign key ("parent_id") references "category" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "saved_view" add constraint "saved_view_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "saved_view" add constraint "saved_view_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "product" add constraint "product_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "product" add constraint "product_category_id_foreign" foreign key ("category_id") references "category" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "product" add constraint "product_created_by_id_foreign" foreign key ("created_by_id") references "user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "product" add constraint "product_updated_by_id_foreign" foreign key ("updated_by_id") references "user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "product" add constraint "product_status_check" check ("status" in ('draft', 'active', 'archived'));`,
    );

    this.addSql(
      `alter table "user_grid_state" add constraint "user_grid_state_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "user_grid_state" add constraint "user_grid_state_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "variant" add constraint "variant_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "variant" add constraint "variant_product_id_foreign" foreign key ("product_id") references "product" ("id") on delete cascade;`,
    );
    this.addSql(`alter table "variant" add constraint "variant_price_check" check (price >= 0);`);
    this.addSql(`alter table "variant" add constraint "variant_compare_at_price_check" check (compare_at_price >= 0);`);
    this.addSql(`alter table "variant" add constraint "variant_cost_check" check (cost >= 0);`);

    this.addSql(
      `alter table "stock_level" add constraint "stock_level_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "stock_level" add constraint "stock_level_variant_id_foreign" foreign key ("variant_id") references "variant" ("id") on delete cascade;`,
    );
    this.addSql(`alter table "stock_level" add constraint "stock_level_on_hand_check" check (on_hand >= 0);`);
    this.addSql(`alter table "stock_level" add constraint "stock_level_reserved_check" check (reserved >= 0);`);

    this.addSql(
      `alter table "inventory_movement" add constraint "inventory_movement_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "inventory_movement" add constraint "inventory_movement_variant_id_foreign" foreign key ("variant_id") references "variant" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "inventory_movement" add constraint "inventory_movement_actor_id_foreign" foreign key ("actor_id") references "user" ("id") on delete set null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "category" drop constraint "category_parent_id_foreign";`);
    this.addSql(`alter table "product" drop constraint "product_category_id_foreign";`);
    this.addSql(`alter table "variant" drop constraint "variant_product_id_foreign";`);
    this.addSql(`alter table "stock_level" drop constraint "stock_level_variant_id_foreign";`);
    this.addSql(`alter table "inventory_movement" drop constraint "inventory_movement_variant_id_foreign";`);

    this.addSql(`drop table if exists "category" cascade;`);
    this.addSql(`drop table if exists "saved_view" cascade;`);
    this.addSql(`drop table if exists "product" cascade;`);
    this.addSql(`drop table if exists "user_grid_state" cascade;`);
    this.addSql(`drop table if exists "variant" cascade;`);
    this.addSql(`drop table if exists "stock_level" cascade;`);
    this.addSql(`drop table if exists "inventory_movement" cascade;`);

    this.addSql(`alter table "organization" drop column "currency";`);

    this.addSql(`drop function if exists catalog_search_vector(text, text, text[]);`);
    this.addSql(`drop function if exists catalog_search_text(text);`);
  }
}
