import { Migration } from "@mikro-orm/migrations";

export class Migration20261124052936_webhook_rejections extends Migration {
  override name = "Migration20261124052936_webhook_rejections";

  override up(): void | Promise<void> {
    this.addSql(
      `create table "webhook_rejection" ("id" uuid not null, "organization_id" text null, "connection_id" uuid null, "platform" text not null, "external_shop_id" text not null default '', "reason" text not null, "minute" timestamptz not null, "count" int not null default 0, "last_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `create index "webhook_rejection_organization_id_minute_index" on "webhook_rejection" ("organization_id", "minute");`,
    );
    this.addSql(
      `alter table "webhook_rejection" add constraint "webhook_rejection_platform_external_shop_id_reaso_dd586_unique" unique ("platform", "external_shop_id", "reason", "minute");`,
    );

    this.addSql(
      `alter table "webhook_rejection" add constraint "webhook_rejection_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "webhook_rejection" add constraint "webhook_rejection_connection_id_foreign" foreign key ("connection_id") references "channel_connection" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "webhook_rejection" add constraint "webhook_rejection_platform_check" check ("platform" in ('shopee', 'tiktok'));`,
    );
    this.addSql(
      `alter table "webhook_rejection" add constraint "webhook_rejection_reason_check" check ("reason" in ('missing_signature', 'invalid_signature', 'stale_timestamp'));`,
    );

    // Hand-added: the gateway's processing-lag gauge reads the oldest event still waiting.
    this.addSql(
      `create index "webhook_event_pending_received_at_index" on "webhook_event" ("received_at") where "status" = 'received';`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "webhook_event_pending_received_at_index";`);
    this.addSql(`drop table if exists "webhook_rejection" cascade;`);
  }
}
