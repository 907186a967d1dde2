import { Migration } from '@mikro-orm/migrations';

export class Migration20261203111736_analytics_reports extends Migration {

  override name = 'Migration20261203111736_analytics_reports';

  override up(): void | Promise<void> {
    this.addSql(`create table "rollup_state" ("name" text not null, "watermark" timestamptz not null, "runs" int not null default 0, "last_run_at" timestamptz null, primary key ("name"));`);

    this.addSql(`create table "report_schedule" ("id" uuid not null, "organization_id" text not null, "name" text not null, "report" text not null, "filters" jsonb not null default '{}', "frequency" text not null, "recipients" text[] not null default '{}', "bom" boolean not null default false, "enabled" boolean not null default true, "next_run_at" timestamptz not null, "last_run_at" timestamptz null, "created_by" text null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "report_schedule_organization_id_index" on "report_schedule" ("organization_id");`);
    this.addSql(`create index "report_schedule_next_run_at_index" on "report_schedule" ("next_run_at");`);

    this.addSql(`create table "report_run" ("id" uuid not null, "organization_id" text not null, "schedule_id" uuid null, "report" text not null, "filters" jsonb not null default '{}', "bom" boolean not null default false, "status" text not null default 'queued', "rows" bigint not null default '0', "total_rows" bigint null, "bytes" bigint not null default '0', "file_name" text null, "error" text null, "sent_to" text[] not null default '{}', "actor_id" text null, "created_at" timestamptz not null default now(), "finished_at" timestamptz null, "expires_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "report_run_organization_id_created_at_index" on "report_run" ("organization_id", "created_at");`);
    this.addSql(`create index "report_run_expires_at_index" on "report_run" ("expires_at");`);

    this.addSql(`create table "report_file_chunk" ("run_id" uuid not null, "seq" int not null, "data" bytea not null, primary key ("run_id", "seq"));`);

    this.addSql(`create table "sync_health_hourly" ("id" uuid not null, "organization_id" text not null, "connection_id" uuid not null, "hour" timestamptz not null, "attempts" int not null default 0, "successes" int not null default 0, "failures" int not null default 0, "retries" int not null default 0, "failures_by_reason" jsonb not null default '{}', "latency_p50" int null, "latency_p95" int null, "latency_histogram" jsonb not null default '[]', "webhooks_received" int not null default 0, "webhooks_failed" int not null default 0, "oversold" int not null default 0, primary key ("id"));`);
    this.addSql(`create index "sync_health_hourly_organization_id_hour_index" on "sync_health_hourly" ("organization_id", "hour");`);
    this.addSql(`alter table "sync_health_hourly" add constraint "sync_health_hourly_connection_id_hour_unique" unique ("connection_id", "hour");`);

    this.addSql(`create table "sales_hourly" ("id" uuid not null, "organization_id" text not null, "connection_id" uuid not null, "hour" timestamptz not null, "day" date not null, "currency" text not null, "orders" int not null default 0, "valid_orders" int not null default 0, "cancelled_orders" int not null default 0, "refunded_orders" int not null default 0, "units" int not null default 0, "revenue" bigint not null default '0', primary key ("id"));`);
    this.addSql(`create index "sales_hourly_organization_id_hour_index" on "sales_hourly" ("organization_id", "hour");`);
    this.addSql(`alter table "sales_hourly" add constraint "sales_hourly_connection_id_hour_currency_unique" unique ("connection_id", "hour", "currency");`);

    this.addSql(`create table "product_metric_daily" ("id" uuid not null, "organization_id" text not null, "connection_id" uuid not null, "external_product_id" text not null default '', "external_variant_id" text not null default '', "date" date not null, "orders" int null, "units_sold" int null, "gmv" bigint null, "currency" text null, "page_views" int null, "impressions" int null, "likes" int null, "source" text not null, "derived" boolean not null default false, "fetched_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "product_metric_daily_organization_id_date_index" on "product_metric_daily" ("organization_id", "date");`);
    this.addSql(`alter table "product_metric_daily" add constraint "product_metric_daily_connection_id_external_produ_340c5_unique" unique ("connection_id", "external_product_id", "external_variant_id", "date");`);

    this.addSql(`create table "item_metric_snapshot" ("id" uuid not null, "organization_id" text not null, "connection_id" uuid not null, "external_product_id" text not null, "snapshot_date" date not null, "taken_at" timestamptz not null default now(), "sales" bigint not null, "views" bigint not null, "likes" bigint not null, "rating_star" double precision not null, "comment_count" bigint not null, primary key ("id"));`);
    this.addSql(`alter table "item_metric_snapshot" add constraint "item_metric_snapshot_connection_id_external_produ_71184_unique" unique ("connection_id", "external_product_id", "snapshot_date");`);

    this.addSql(`create table "analytics_pull" ("id" uuid not null, "organization_id" text not null, "connection_id" uuid not null, "status" text not null default 'idle', "cursor" jsonb null, "complete_through" date null, "latest_available_date" date null, "calls" int not null default 0, "rate_limited" int not null default 0, "started_at" timestamptz null, "finished_at" timestamptz null, "error" text null, "updated_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "analytics_pull" add constraint "analytics_pull_connection_id_unique" unique ("connection_id");`);

    this.addSql(`create table "sales_daily" ("id" uuid not null, "organization_id" text not null, "connection_id" uuid not null, "day" date not null, "line_key" text not null, "variant_id" uuid null, "sku" text null, "currency" text not null, "orders" int not null default 0, "valid_orders" int not null default 0, "units" int not null default 0, "valid_units" int not null default 0, "revenue" bigint not null default '0', "cancelled_units" int not null default 0, "refunded_units" int not null default 0, primary key ("id"));`);
    this.addSql(`create index "sales_daily_organization_id_day_index" on "sales_daily" ("organization_id", "day");`);
    this.addSql(`alter table "sales_daily" add constraint "sales_daily_connection_id_day_line_key_currency_unique" unique ("connection_id", "day", "line_key", "currency");`);


    this.addSql(`alter table "report_schedule" add constraint "report_schedule_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "report_schedule" add constraint "report_schedule_created_by_foreign" foreign key ("created_by") references "user" ("id") on delete set null;`);
    this.addSql(`alter table "report_schedule" add constraint "report_schedule_frequency_check" check ("frequency" in ('daily', 'weekly'));`);

    this.addSql(`alter table "report_run" add constraint "report_run_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "report_run" add constraint "report_run_schedule_id_foreign" foreign key ("schedule_id") references "report_schedule" ("id") on delete set null;`);
    this.addSql(`alter table "report_run" add constraint "report_run_actor_id_foreign" foreign key ("actor_id") references "user" ("id") on delete set null;`);
    this.addSql(`alter table "report_run" add constraint "report_run_status_check" check ("status" in ('queued', 'running', 'succeeded', 'failed'));`);

    this.addSql(`alter table "report_file_chunk" add constraint "report_file_chunk_run_id_foreign" foreign key ("run_id") references "report_run" ("id") on delete cascade;`);

    this.addSql(`alter table "sync_health_hourly" add constraint "sync_health_hourly_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "sync_health_hourly" add constraint "sync_health_hourly_connection_id_foreign" foreign key ("connection_id") references "channel_connection" ("id") on delete cascade;`);

    this.addSql(`alter table "sales_hourly" add constraint "sales_hourly_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "sales_hourly" add constraint "sales_hourly_connection_id_foreign" foreign key ("connection_id") references "channel_connection" ("id") on delete cascade;`);

    this.addSql(`alter table "product_metric_daily" add constraint "product_metric_daily_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "product_metric_daily" add constraint "product_metric_daily_connection_id_foreign" foreign key ("connection_id") references "channel_connection" ("id") on delete cascade;`);
    this.addSql(`alter table "product_metric_daily" add constraint "product_metric_daily_source_check" check ("source" in ('tiktok_analytics', 'shopee_snapshot_diff'));`);

    this.addSql(`alter table "item_metric_snapshot" add constraint "item_metric_snapshot_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "item_metric_snapshot" add constraint "item_metric_snapshot_connection_id_foreign" foreign key ("connection_id") references "channel_connection" ("id") on delete cascade;`);

    this.addSql(`alter table "analytics_pull" add constraint "analytics_pull_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "analytics_pull" add constraint "analytics_pull_connection_id_foreign" foreign key ("connection_id") references "channel_connection" ("id") on delete cascade;`);
    this.addSql(`alter table "analytics_pull" add constraint "analytics_pull_status_check" check ("status" in ('idle', 'running', 'succeeded', 'failed'));`);

    this.addSql(`alter table "sales_daily" add constraint "sales_daily_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "sales_daily" add constraint "sales_daily_connection_id_foreign" foreign key ("connection_id") references "channel_connection" ("id") on delete cascade;`);
    this.addSql(`alter table "sales_daily" add constraint "sales_daily_variant_id_foreign" foreign key ("variant_id") references "variant" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "report_run" drop constraint "report_run_schedule_id_foreign";`);
    this.addSql(`alter table "report_file_chunk" drop constraint "report_file_chunk_run_id_foreign";`);

    this.addSql(`drop table if exists "rollup_state" cascade;`);
    this.addSql(`drop table if exists "report_schedule" cascade;`);
    this.addSql(`drop table if exists "report_run" cascade;`);
    this.addSql(`drop table if exists "report_file_chunk" cascade;`);
    this.addSql(`drop table if exists "sync_health_hourly" cascade;`);
    this.addSql(`drop table if exists "sales_hourly" cascade;`);
    this.addSql(`drop table if exists "product_metric_daily" cascade;`);
    this.addSql(`drop table if exists "item_metric_snapshot" cascade;`);
    this.addSql(`drop table if exists "analytics_pull" cascade;`);
    this.addSql(`drop table if exists "sales_daily" cascade;`);

  }

}
