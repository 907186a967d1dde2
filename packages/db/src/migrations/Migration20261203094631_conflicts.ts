import { Migration } from '@mikro-orm/migrations';

export class Migration20261203094631_conflicts extends Migration {

  override name = 'Migration20261203094631_conflicts';

  override up(): void | Promise<void> {
    this.addSql(`create table "conflict_policy" ("id" uuid not null, "organization_id" text not null, "connection_id" uuid null, "field_group" text not null, "policy" text not null, "updated_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create unique index if not exists "conflict_policy_org_unique" on "conflict_policy" ("organization_id", "field_group") where "connection_id" is null;`);
    this.addSql(`alter table "conflict_policy" add constraint "conflict_policy_organization_id_connection_id_fie_884fd_unique" unique ("organization_id", "connection_id", "field_group");`);

    this.addSql(`create table "conflict" ("id" uuid not null, "organization_id" text not null, "listing_id" uuid not null, "connection_id" uuid not null, "product_id" uuid null, "variant_id" uuid null, "field_group" text not null, "status" text not null default 'open', "source" text not null, "base" jsonb null, "master" jsonb not null, "channel" jsonb not null, "channel_seen_at" timestamptz not null default now(), "detected_at" timestamptz not null default now(), "resolution" text null, "resolved_value" jsonb null, "resolved_by_id" text null, "resolved_at" timestamptz null, "note" text null, primary key ("id"));`);
    this.addSql(`create index "conflict_organization_id_status_detected_at_index" on "conflict" ("organization_id", "status", "detected_at");`);
    this.addSql(`create index "conflict_organization_id_product_id_detected_at_index" on "conflict" ("organization_id", "product_id", "detected_at");`);
    this.addSql(`create index "conflict_listing_id_status_index" on "conflict" ("listing_id", "status");`);
    this.addSql(`create unique index if not exists "conflict_open_unique" on "conflict" ("listing_id", "field_group") where "status" = 'open';`);

    this.addSql(`alter table "listing" add "channel_review" jsonb null;`);

    this.addSql(`alter table "sync_log" add "content_hash" text null;`);

    this.addSql(`alter table "conflict_policy" add constraint "conflict_policy_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "conflict_policy" add constraint "conflict_policy_connection_id_foreign" foreign key ("connection_id") references "channel_connection" ("id") on delete cascade;`);
    this.addSql(`alter table "conflict_policy" add constraint "conflict_policy_field_group_check" check ("field_group" in ('content', 'images', 'options', 'price', 'status'));`);
    this.addSql(`alter table "conflict_policy" add constraint "conflict_policy_policy_check" check ("policy" in ('adopt', 'override', 'overwrite', 'conflict'));`);

    this.addSql(`alter table "conflict" add constraint "conflict_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "conflict" add constraint "conflict_listing_id_foreign" foreign key ("listing_id") references "listing" ("id") on delete cascade;`);
    this.addSql(`alter table "conflict" add constraint "conflict_connection_id_foreign" foreign key ("connection_id") references "channel_connection" ("id") on delete cascade;`);
    this.addSql(`alter table "conflict" add constraint "conflict_product_id_foreign" foreign key ("product_id") references "product" ("id") on delete set null;`);
    this.addSql(`alter table "conflict" add constraint "conflict_variant_id_foreign" foreign key ("variant_id") references "variant" ("id") on delete set null;`);
    this.addSql(`alter table "conflict" add constraint "conflict_resolved_by_id_foreign" foreign key ("resolved_by_id") references "user" ("id") on delete set null;`);
    this.addSql(`alter table "conflict" add constraint "conflict_field_group_check" check ("field_group" in ('content', 'images', 'options', 'price', 'status'));`);
    this.addSql(`alter table "conflict" add constraint "conflict_status_check" check ("status" in ('open', 'resolved', 'moot'));`);
    this.addSql(`alter table "conflict" add constraint "conflict_source_check" check ("source" in ('webhook', 'reconciliation', 'import', 'compare', 'link'));`);
    this.addSql(`alter table "conflict" add constraint "conflict_resolution_check" check ("resolution" in ('master', 'channel', 'manual', 'adopted', 'overridden', 'overwritten'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "conflict_policy" cascade;`);
    this.addSql(`drop table if exists "conflict" cascade;`);

    this.addSql(`alter table "listing" drop column "channel_review";`);

    this.addSql(`alter table "sync_log" drop column "content_hash";`);
  }

}
