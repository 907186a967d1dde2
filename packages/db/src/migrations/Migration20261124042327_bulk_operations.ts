import { Migration } from "@mikro-orm/migrations";

export class Migration20261124042327_bulk_operations extends Migration {
  override name = "Migration20261124042327_bulk_operations";

  override up(): void | Promise<void> {
    this.addSql(
      `create table "bulk_operation" ("id" uuid not null, "organization_id" text not null, "kind" text not null, "parameters" jsonb not null, "selection" jsonb not null, "total" int not null default 0, "done" int not null default 0, "failed" int not null default 0, "status" text not null default 'queued', "actor_id" text null, "created_at" timestamptz not null default now(), "started_at" timestamptz null, "finished_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "bulk_operation_organization_id_status_index" on "bulk_operation" ("organization_id", "status");`,
    );
    this.addSql(
      `create index "bulk_operation_organization_id_created_at_index" on "bulk_operation" ("organization_id", "created_at");`,
    );

    this.addSql(
      `create table "bulk_operation_item" ("id" uuid not null, "organization_id" text not null, "operation_id" uuid not null, "variant_id" uuid null, "reason" text not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `alter table "bulk_operation_item" add constraint "bulk_operation_item_operation_id_variant_id_unique" unique ("operation_id", "variant_id");`,
    );

    this.addSql(
      `alter table "bulk_operation" add constraint "bulk_operation_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "bulk_operation" add constraint "bulk_operation_actor_id_foreign" foreign key ("actor_id") references "user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "bulk_operation" add constraint "bulk_operation_status_check" check ("status" in ('queued', 'running', 'succeeded', 'failed', 'cancelled'));`,
    );

    this.addSql(
      `alter table "bulk_operation_item" add constraint "bulk_operation_item_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "bulk_operation_item" add constraint "bulk_operation_item_operation_id_foreign" foreign key ("operation_id") references "bulk_operation" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "bulk_operation_item" add constraint "bulk_operation_item_variant_id_foreign" foreign key ("variant_id") references "variant" ("id") on delete set null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "bulk_operation_item" drop constraint "bulk_operation_item_operation_id_foreign";`);

    this.addSql(`drop table if exists "bulk_operation" cascade;`);
    this.addSql(`drop table if exists "bulk_operation_item" cascade;`);
  }
}
