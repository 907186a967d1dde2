import { Migration } from "@mikro-orm/migrations";

export class Migration20261124040810_channels extends Migration {
  override name = "Migration20261124040810_channels";

  override up(): void | Promise<void> {
    this.addSql(
      `create table "channel_connection" ("id" uuid not null, "organization_id" text not null, "platform" text not null, "external_shop_id" text not null, "name" text not null, "region" text null, "shop_cipher" text null, "access_token_enc" text null, "refresh_token_enc" text null, "access_expires_at" timestamptz null, "refresh_expires_at" timestamptz null, "status" text not null default 'active', "last_health_at" timestamptz null, "last_error" text null, "quota" jsonb null, "connected_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `create index "channel_connection_organization_id_status_index" on "channel_connection" ("organization_id", "status");`,
    );
    this.addSql(
      `alter table "channel_connection" add constraint "channel_connection_organization_id_platform_exter_91585_unique" unique ("organization_id", "platform", "external_shop_id");`,
    );

    this.addSql(
      `alter table "channel_connection" add constraint "channel_connection_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "channel_connection" add constraint "channel_connection_connected_by_foreign" foreign key ("connected_by") references "user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "channel_connection" add constraint "channel_connection_platform_check" check ("platform" in ('shopee', 'tiktok'));`,
    );
    this.addSql(
      `alter table "channel_connection" add constraint "channel_connection_status_check" check ("status" in ('active', 'expiring', 'needs_reauth', 'error', 'disconnected'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "channel_connection" cascade;`);
  }
}
