import { Migration } from "@mikro-orm/migrations";

export class Migration20261124053051_sync_engine extends Migration {
  override name = "Migration20261124053051_sync_engine";

  override up(): void | Promise<void> {
    this.addSql(
      `create table "channel_rate_limit" ("key" text not null, "tat" timestamptz not null default now(), primary key ("key"));`,
    );

    this.addSql(
      `create table "worker_heartbeat" ("id" text not null, "worker_ids" text[] not null default '{}', "hostname" text null, "pid" int null, "started_at" timestamptz not null default now(), "last_seen_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "worker_heartbeat_last_seen_at_index" on "worker_heartbeat" ("last_seen_at");`);

    this.addSql(
      `alter table "listing" add "sync_claim" text null, add "sync_claimed_until" timestamptz null, add "sync_attempts" int not null default 0, add "sync_retry_at" timestamptz null;`,
    );

    // Hand-added: the watchdog looks for expired claims; the engine claims pending listings per connection.
    this.addSql(
      `create index "listing_sync_claimed_until_index" on "listing" ("sync_claimed_until") where "sync_claimed_until" is not null;`,
    );
    this.addSql(
      `create index "listing_connection_pending_index" on "listing" ("connection_id", "product_id", "id") where "sync_state" in ('pending', 'syncing');`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "channel_rate_limit" cascade;`);
    this.addSql(`drop table if exists "worker_heartbeat" cascade;`);

    this.addSql(`drop index if exists "listing_sync_claimed_until_index";`);
    this.addSql(`drop index if exists "listing_connection_pending_index";`);
    this.addSql(
      `alter table "listing" drop column "sync_claim", drop column "sync_claimed_until", drop column "sync_attempts", drop column "sync_retry_at";`,
    );
  }
}
