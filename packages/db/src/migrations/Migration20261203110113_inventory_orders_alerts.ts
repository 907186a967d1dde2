import { Migration } from '@mikro-orm/migrations';

export class Migration20261203110113_inventory_orders_alerts extends Migration {

  override name = 'Migration20261203110113_inventory_orders_alerts';

  override up(): void | Promise<void> {
    this.addSql(`create table "inventory_settings" ("organization_id" text not null, "low_stock_threshold" int not null default 5, "auto_restock_returns" boolean not null default false, "default_stock_rule" jsonb null, "updated_at" timestamptz not null default now(), primary key ("organization_id"));`);

    this.addSql(`create table "stock_location" ("id" uuid not null, "organization_id" text not null, "name" text not null, "is_default" boolean not null default false, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create unique index if not exists "stock_location_default_unique" on "stock_location" ("organization_id") where "is_default";`);

    this.addSql(`create table "notification_preference" ("id" uuid not null, "organization_id" text not null, "user_id" text not null, "email_critical" boolean not null default true, "daily_digest" boolean not null default false, "last_digest_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "notification_preference" add constraint "notification_preference_organization_id_user_id_unique" unique ("organization_id", "user_id");`);

    this.addSql(`create table "connection_stock_rule" ("connection_id" uuid not null, "organization_id" text not null, "rule" jsonb not null, primary key ("connection_id"));`);

    this.addSql(`create table "alert_read" ("id" uuid not null, "organization_id" text not null, "alert_id" uuid not null, "user_id" text not null, "read_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "alert_read_organization_id_user_id_index" on "alert_read" ("organization_id", "user_id");`);
    this.addSql(`alter table "alert_read" add constraint "alert_read_alert_id_user_id_unique" unique ("alert_id", "user_id");`);

    this.addSql(`create table "variant_stock_setting" ("variant_id" uuid not null, "organization_id" text not null, "low_stock_threshold" int null, "low_stock_alerted" boolean not null default false, primary key ("variant_id"));`);

    this.addSql(`alter table "channel_order" add "paid_at" timestamptz null, add "cancelled_by" text null, add "cancel_reason" text null, add "fulfilled_by_platform" boolean not null default false, add "status_history" jsonb not null default '[]';`);

    this.addSql(`alter table "stock_level" drop constraint "stock_level_variant_id_unique";`);
    this.addSql(`alter table "stock_level" drop constraint "stock_level_reserved_check";`);
    this.addSql(`alter table "stock_level" add "location_id" uuid null, add "promotion_reserved" int not null default 0, add "unavailable" int not null default 0;`);
    this.addSql(`alter table "stock_level" add constraint "stock_level_location_id_foreign" foreign key ("location_id") references "stock_location" ("id") on delete cascade;`);
    this.addSql(`alter table "stock_level" rename column "reserved" to "committed";`);
    // One default location per organization; existing stock moves there.
    this.addSql(`insert into "stock_location" ("id", "organization_id", "name", "is_default") select gen_random_uuid(), o."id", 'Default location', true from "organization" o;`);
    this.addSql(`update "stock_level" s set "location_id" = l."id" from "stock_location" l where l."organization_id" = s."organization_id" and l."is_default";`);
    this.addSql(`alter table "stock_level" alter column "location_id" set not null;`);
    this.addSql(`alter table "stock_level" add "reserved" int generated always as (committed + promotion_reserved + unavailable) stored, add "available" int generated always as (on_hand - committed - promotion_reserved - unavailable) stored;`);
    // A row inserted without a location gets the organization's default one (created on first use).
    this.addSql(`create or replace function "stock_level_default_location_fn"() returns trigger as $$ begin if new.location_id is null then insert into stock_location (id, organization_id, name, is_default) values (gen_random_uuid(), new.organization_id, 'Default location', true) on conflict (organization_id) where is_default do nothing; select id into new.location_id from stock_location where organization_id = new.organization_id and is_default; end if; return new; end; $$ language plpgsql;`);
    this.addSql(`create trigger "default_location" BEFORE INSERT on "stock_level" for each ROW execute function "stock_level_default_location_fn"();`);
    this.addSql(`create index "stock_level_organization_id_available_index" on "stock_level" ("organization_id", "available");`);
    this.addSql(`alter table "stock_level" add constraint "stock_level_variant_id_location_id_unique" unique ("variant_id", "location_id");`);
    this.addSql(`alter table "stock_level" add constraint "stock_level_identity_check" check (on_hand >= committed + promotion_reserved + unavailable);`);
    this.addSql(`alter table "stock_level" add constraint "stock_level_committed_check" check (committed >= 0);`);
    this.addSql(`alter table "stock_level" add constraint "stock_level_promotion_reserved_check" check (promotion_reserved >= 0);`);
    this.addSql(`alter table "stock_level" add constraint "stock_level_unavailable_check" check (unavailable >= 0);`);

    this.addSql(`alter table "inventory_movement" add "location_id" uuid null, add "bucket" text not null default 'on_hand', add "source_kind" text null, add "order_id" uuid null, add "webhook_event_id" uuid null;`);
    this.addSql(`alter table "inventory_movement" add constraint "inventory_movement_location_id_foreign" foreign key ("location_id") references "stock_location" ("id") on delete set null;`);
    this.addSql(`create index "inventory_movement_order_id_index" on "inventory_movement" ("order_id");`);

    this.addSql(`alter table "channel_order_line" add "line_key" text null, add "effect" text not null default 'none', add "committed_quantity" int not null default 0, add "oversold_quantity" int not null default 0, add "restocked_quantity" int not null default 0, add "effect_at" timestamptz null;`);
    this.addSql(`update "channel_order_line" set "line_key" = coalesce("external_product_id", '') || '|' || coalesce("external_variant_id", '') || '|' || coalesce("sku", '') || '|' || "id";`);
    this.addSql(`alter table "channel_order_line" alter column "line_key" set not null;`);
    this.addSql(`create index if not exists "channel_order_line_oversold_index" on "channel_order_line" ("organization_id") where "oversold_quantity" > 0;`);
    this.addSql(`create index if not exists "channel_order_line_unmatched_index" on "channel_order_line" ("organization_id") where "variant_id" is null;`);
    this.addSql(`alter table "channel_order_line" add constraint "channel_order_line_order_id_line_key_unique" unique ("order_id", "line_key");`);
    this.addSql(`alter table "channel_order_line" add constraint "channel_order_line_committed_quantity_check" check (committed_quantity >= 0);`);
    this.addSql(`alter table "channel_order_line" add constraint "channel_order_line_oversold_quantity_check" check (oversold_quantity >= 0);`);
    this.addSql(`alter table "channel_order_line" add constraint "channel_order_line_effect_check" check ("effect" in ('none', 'committed', 'shipped', 'released', 'restocked'));`);

    this.addSql(`alter table "inventory_settings" add constraint "inventory_settings_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "inventory_settings" add constraint "inventory_settings_low_stock_threshold_check" check (low_stock_threshold >= 0);`);

    this.addSql(`alter table "stock_location" add constraint "stock_location_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`);

    this.addSql(`alter table "notification_preference" add constraint "notification_preference_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "notification_preference" add constraint "notification_preference_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;`);

    this.addSql(`alter table "connection_stock_rule" add constraint "connection_stock_rule_connection_id_foreign" foreign key ("connection_id") references "channel_connection" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "connection_stock_rule" add constraint "connection_stock_rule_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`);

    this.addSql(`alter table "alert_read" add constraint "alert_read_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "alert_read" add constraint "alert_read_alert_id_foreign" foreign key ("alert_id") references "alert" ("id") on delete cascade;`);
    this.addSql(`alter table "alert_read" add constraint "alert_read_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;`);

    this.addSql(`alter table "variant_stock_setting" add constraint "variant_stock_setting_variant_id_foreign" foreign key ("variant_id") references "variant" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "variant_stock_setting" add constraint "variant_stock_setting_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "variant_stock_setting" add constraint "variant_stock_setting_low_stock_threshold_check" check (low_stock_threshold >= 0);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "default_location" on "stock_level";`);
    this.addSql(`drop function if exists "stock_level_default_location_fn"();`);
    this.addSql(`alter table "stock_level" drop column "reserved", drop column "available";`);
    this.addSql(`alter table "stock_level" drop constraint "stock_level_location_id_foreign";`);
    this.addSql(`alter table "inventory_movement" drop constraint "inventory_movement_location_id_foreign";`);

    this.addSql(`drop table if exists "inventory_settings" cascade;`);
    this.addSql(`drop table if exists "stock_location" cascade;`);
    this.addSql(`drop table if exists "notification_preference" cascade;`);
    this.addSql(`drop table if exists "connection_stock_rule" cascade;`);
    this.addSql(`drop table if exists "alert_read" cascade;`);
    this.addSql(`drop table if exists "variant_stock_setting" cascade;`);

    this.addSql(`alter table "channel_order" drop column "paid_at", drop column "cancelled_by", drop column "cancel_reason", drop column "fulfilled_by_platform", drop column "status_history";`);

    this.addSql(`drop index "channel_order_line_oversold_index";`);
    this.addSql(`drop index "channel_order_line_unmatched_index";`);
    this.addSql(`alter table "channel_order_line" drop constraint "channel_order_line_order_id_line_key_unique";`);
    this.addSql(`alter table "channel_order_line" drop constraint "channel_order_line_committed_quantity_check";`);
    this.addSql(`alter table "channel_order_line" drop constraint "channel_order_line_oversold_quantity_check";`);
    this.addSql(`alter table "channel_order_line" drop constraint "channel_order_line_effect_check";`);
    this.addSql(`alter table "channel_order_line" drop column "line_key", drop column "effect", drop column "committed_quantity", drop column "oversold_quantity", drop column "restocked_quantity", drop column "effect_at";`);

    this.addSql(`drop index "inventory_movement_order_id_index";`);
    this.addSql(`alter table "inventory_movement" drop column "location_id", drop column "bucket", drop column "source_kind", drop column "order_id", drop column "webhook_event_id";`);

    this.addSql(`drop index "stock_level_organization_id_available_index";`);
    this.addSql(`alter table "stock_level" drop constraint "stock_level_variant_id_location_id_unique";`);
    this.addSql(`alter table "stock_level" drop constraint "stock_level_identity_check";`);
    this.addSql(`alter table "stock_level" drop constraint "stock_level_committed_check";`);
    this.addSql(`alter table "stock_level" drop constraint "stock_level_promotion_reserved_check";`);
    this.addSql(`alter table "stock_level" drop constraint "stock_level_unavailable_check";`);
    this.addSql(`alter table "stock_level" drop column "location_id", drop column "promotion_reserved", drop column "unavailable";`);
    this.addSql(`alter table "stock_level" rename column "committed" to "reserved";`);
    this.addSql(`alter table "stock_level" add constraint "stock_level_variant_id_unique" unique ("variant_id");`);
    this.addSql(`alter table "stock_level" add constraint "stock_level_reserved_check" check (reserved >= 0);`);
  }

}
