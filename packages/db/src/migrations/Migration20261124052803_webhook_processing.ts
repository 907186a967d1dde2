import { Migration } from "@mikro-orm/migrations";

export class Migration20261124052803_webhook_processing extends Migration {
  override name = "Migration20261124052803_webhook_processing";

  override up(): void | Promise<void> {
    this.addSql(
      `create table "reconciliation_run" ("id" uuid not null, "organization_id" text not null, "connection_id" uuid not null, "status" text not null default 'running', "window_from" timestamptz not null, "window_to" timestamptz not null, "orders_checked" int not null default 0, "orders_missed" int not null default 0, "listings_checked" int not null default 0, "listing_changes_missed" int not null default 0, "details" jsonb not null default '[]', "error" text null, "started_at" timestamptz not null default now(), "finished_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "reconciliation_run_organization_id_started_at_index" on "reconciliation_run" ("organization_id", "started_at");`,
    );
    this.addSql(
      `create index "reconciliation_run_connection_id_started_at_index" on "reconciliation_run" ("connection_id", "started_at");`,
    );

    this.addSql(
      `alter table "webhook_event" add "outcome" jsonb null, add "replays" int not null default 0, add "last_replay_at" timestamptz null, add "last_replay_outcome" text null;`,
    );

    this.addSql(
      `alter table "reconciliation_run" add constraint "reconciliation_run_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "reconciliation_run" add constraint "reconciliation_run_connection_id_foreign" foreign key ("connection_id") references "channel_connection" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "reconciliation_run" add constraint "reconciliation_run_status_check" check ("status" in ('running', 'succeeded', 'failed'));`,
    );

    // Hand-added: the Webhooks screen lists events newest first per organization, and the
    // reconciliation looks up orders by connection; the (organization, received_at) index exists.
    this.addSql(
      `create index "webhook_event_organization_id_event_type_received_at_index" on "webhook_event" ("organization_id", "event_type", "received_at");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "reconciliation_run" cascade;`);

    this.addSql(`drop index if exists "webhook_event_organization_id_event_type_received_at_index";`);

    this.addSql(
      `alter table "webhook_event" drop column "outcome", drop column "replays", drop column "last_replay_at", drop column "last_replay_outcome";`,
    );
  }
}
