import { Migration } from "@mikro-orm/migrations";

export class Migration20261124052105_marketplace extends Migration {
  override name = "Migration20261124052105_marketplace";

  override up(): void | Promise<void> {
    this.addSql(
      `create table "alert" ("id" uuid not null, "organization_id" text not null, "kind" text not null, "dedupe_key" text not null, "severity" text not null default 'warning', "status" text not null default 'open', "title" text not null, "detail" text null, "subject" jsonb not null default '{}', "count" int not null default 1, "created_at" timestamptz not null default now(), "last_seen_at" timestamptz not null default now(), "resolved_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "alert_organization_id_status_last_seen_at_index" on "alert" ("organization_id", "status", "last_seen_at");`,
    );

    this.addSql(
      `create table "sync_run" ("id" uuid not null, "organization_id" text not null, "kind" text not null, "scope" jsonb not null default '{}', "priority" int not null default 0, "total" int not null default 0, "done" int not null default 0, "failed" int not null default 0, "status" text not null default 'running', "actor_id" text null, "created_at" timestamptz not null default now(), "finished_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "sync_run_organization_id_created_at_index" on "sync_run" ("organization_id", "created_at");`,
    );

    this.addSql(
      `create table "channel_order" ("id" uuid not null, "organization_id" text not null, "connection_id" uuid not null, "external_order_id" text not null, "status" text not null, "platform_status" text null, "currency" text null, "total" bigint null, "placed_at" timestamptz null, "platform_updated_at" timestamptz null, "raw" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `create index "channel_order_organization_id_placed_at_index" on "channel_order" ("organization_id", "placed_at");`,
    );
    this.addSql(
      `create index "channel_order_organization_id_status_index" on "channel_order" ("organization_id", "status");`,
    );
    this.addSql(
      `alter table "channel_order" add constraint "channel_order_connection_id_external_order_id_unique" unique ("connection_id", "external_order_id");`,
    );

    this.addSql(
      `create table "listing" ("id" uuid not null, "organization_id" text not null, "connection_id" uuid not null, "variant_id" uuid null, "product_id" uuid null, "external_product_id" text null, "external_variant_id" text null, "external_sku" text null, "external_title" text null, "channel_status" text null, "enabled" boolean not null default true, "title_override" text null, "description_override" text null, "price_rule" jsonb null, "stock_buffer" int not null default 0, "stock_cap" int null, "sync_state" text not null default 'pending', "desired_version" int not null default 1, "synced_version" int not null default 0, "last_synced" jsonb null, "last_synced_hash" text null, "last_synced_at" timestamptz null, "channel_state" jsonb null, "channel_state_at" timestamptz null, "drift" jsonb null, "last_error_code" text null, "last_error" text null, "sync_run_id" uuid null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `create index "listing_organization_id_sync_state_index" on "listing" ("organization_id", "sync_state");`,
    );
    this.addSql(
      `create index "listing_organization_id_variant_id_index" on "listing" ("organization_id", "variant_id");`,
    );
    this.addSql(
      `create index "listing_organization_id_product_id_index" on "listing" ("organization_id", "product_id");`,
    );
    this.addSql(`create index "listing_connection_id_sync_state_index" on "listing" ("connection_id", "sync_state");`);
    this.addSql(
      `alter table "listing" add constraint "listing_connection_id_external_product_id_externa_deb01_unique" unique ("connection_id", "external_product_id", "external_variant_id");`,
    );
    this.addSql(
      `alter table "listing" add constraint "listing_connection_id_variant_id_unique" unique ("connection_id", "variant_id");`,
    );

    this.addSql(
      `create table "sync_log" ("id" uuid not null, "organization_id" text not null, "connection_id" uuid not null, "listing_id" uuid null, "sync_run_id" uuid null, "operation" text not null, "before" jsonb null, "after" jsonb null, "outcome" text not null, "attempt" int not null default 1, "duration_ms" int not null default 0, "request_id" text null, "error_code" text null, "error" text null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `create index "sync_log_organization_id_created_at_index" on "sync_log" ("organization_id", "created_at");`,
    );
    this.addSql(`create index "sync_log_listing_id_created_at_index" on "sync_log" ("listing_id", "created_at");`);
    this.addSql(
      `create index "sync_log_connection_id_outcome_created_at_index" on "sync_log" ("connection_id", "outcome", "created_at");`,
    );

    this.addSql(
      `create table "channel_order_line" ("id" uuid not null, "organization_id" text not null, "order_id" uuid not null, "listing_id" uuid null, "variant_id" uuid null, "external_product_id" text null, "external_variant_id" text null, "sku" text null, "quantity" int not null, "unit_price" bigint null, primary key ("id"));`,
    );
    this.addSql(`create index "channel_order_line_order_id_index" on "channel_order_line" ("order_id");`);
    this.addSql(
      `create index "channel_order_line_organization_id_variant_id_index" on "channel_order_line" ("organization_id", "variant_id");`,
    );

    this.addSql(
      `create table "webhook_event" ("id" uuid not null, "organization_id" text null, "connection_id" uuid null, "platform" text not null, "event_key" text not null, "event_type" text not null, "external_shop_id" text null, "headers" jsonb not null default '{}', "body" text not null, "status" text not null default 'received', "attempts" int not null default 0, "duplicates" int not null default 0, "error" text null, "received_at" timestamptz not null default now(), "last_duplicate_at" timestamptz null, "processed_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "webhook_event_organization_id_received_at_index" on "webhook_event" ("organization_id", "received_at");`,
    );
    this.addSql(
      `create index "webhook_event_organization_id_status_received_at_index" on "webhook_event" ("organization_id", "status", "received_at");`,
    );
    this.addSql(
      `create index "webhook_event_connection_id_received_at_index" on "webhook_event" ("connection_id", "received_at");`,
    );
    this.addSql(
      `alter table "webhook_event" add constraint "webhook_event_platform_event_key_unique" unique ("platform", "event_key");`,
    );

    this.addSql(
      `alter table "channel_connection" add "sync_paused" boolean not null default false, add "last_imported_at" timestamptz null, add "last_reconciled_at" timestamptz null;`,
    );

    this.addSql(
      `alter table "alert" add constraint "alert_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "alert" add constraint "alert_severity_check" check ("severity" in ('info', 'warning', 'critical'));`,
    );
    this.addSql(
      `alter table "alert" add constraint "alert_status_check" check ("status" in ('open', 'acknowledged', 'resolved'));`,
    );

    this.addSql(
      `alter table "sync_run" add constraint "sync_run_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "sync_run" add constraint "sync_run_actor_id_foreign" foreign key ("actor_id") references "user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "sync_run" add constraint "sync_run_status_check" check ("status" in ('running', 'succeeded', 'failed', 'cancelled'));`,
    );

    this.addSql(
      `alter table "channel_order" add constraint "channel_order_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "channel_order" add constraint "channel_order_connection_id_foreign" foreign key ("connection_id") references "channel_connection" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "listing" add constraint "listing_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "listing" add constraint "listing_connection_id_foreign" foreign key ("connection_id") references "channel_connection" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "listing" add constraint "listing_variant_id_foreign" foreign key ("variant_id") references "variant" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "listing" add constraint "listing_product_id_foreign" foreign key ("product_id") references "product" ("id") on delete set null;`,
    );
    this.addSql(`alter table "listing" add constraint "listing_stock_buffer_check" check (stock_buffer >= 0);`);
    this.addSql(`alter table "listing" add constraint "listing_stock_cap_check" check (stock_cap >= 0);`);
    this.addSql(
      `alter table "listing" add constraint "listing_sync_state_check" check ("sync_state" in ('unlinked', 'pending', 'syncing', 'in_sync', 'failed', 'conflict', 'disabled'));`,
    );

    this.addSql(
      `alter table "sync_log" add constraint "sync_log_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "sync_log" add constraint "sync_log_connection_id_foreign" foreign key ("connection_id") references "channel_connection" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "sync_log" add constraint "sync_log_listing_id_foreign" foreign key ("listing_id") references "listing" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "sync_log" add constraint "sync_log_outcome_check" check ("outcome" in ('succeeded', 'failed', 'retrying', 'skipped'));`,
    );

    this.addSql(
      `alter table "channel_order_line" add constraint "channel_order_line_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "channel_order_line" add constraint "channel_order_line_order_id_foreign" foreign key ("order_id") references "channel_order" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "channel_order_line" add constraint "channel_order_line_listing_id_foreign" foreign key ("listing_id") references "listing" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "channel_order_line" add constraint "channel_order_line_variant_id_foreign" foreign key ("variant_id") references "variant" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "webhook_event" add constraint "webhook_event_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "webhook_event" add constraint "webhook_event_connection_id_foreign" foreign key ("connection_id") references "channel_connection" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "webhook_event" add constraint "webhook_event_platform_check" check ("platform" in ('shopee', 'tiktok'));`,
    );
    this.addSql(
      `alter table "webhook_event" add constraint "webhook_event_status_check" check ("status" in ('received', 'processed', 'failed', 'unknown_shop', 'ignored'));`,
    );

    // Hand-added: one open alert per dedupe key (repeats bump its count).
    this.addSql(
      `create unique index "alert_open_dedupe_unique" on "alert" ("organization_id", "dedupe_key") where "status" <> 'resolved';`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "channel_order_line" drop constraint "channel_order_line_order_id_foreign";`);
    this.addSql(`alter table "sync_log" drop constraint "sync_log_listing_id_foreign";`);
    this.addSql(`alter table "channel_order_line" drop constraint "channel_order_line_listing_id_foreign";`);

    this.addSql(`drop table if exists "alert" cascade;`);
    this.addSql(`drop table if exists "sync_run" cascade;`);
    this.addSql(`drop table if exists "channel_order" cascade;`);
    this.addSql(`drop table if exists "listing" cascade;`);
    this.addSql(`drop table if exists "sync_log" cascade;`);
    this.addSql(`drop table if exists "channel_order_line" cascade;`);
    this.addSql(`drop table if exists "webhook_event" cascade;`);

    this.addSql(
      `alter table "channel_connection" drop column "sync_paused", drop column "last_imported_at", drop column "last_reconciled_at";`,
    );
  }
}
