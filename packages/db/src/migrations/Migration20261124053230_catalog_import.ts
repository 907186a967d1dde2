import { Migration } from "@mikro-orm/migrations";

export class Migration20261124053230_catalog_import extends Migration {
  override name = "Migration20261124053230_catalog_import";

  override up(): void | Promise<void> {
    this.addSql(
      `create table "catalog_import" ("id" uuid not null, "organization_id" text not null, "created_by_id" text null, "file_name" text null, "bytes" int not null default 0, "headers" jsonb null, "rows" int not null default 0, "operation_id" uuid null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "catalog_import_created_at_index" on "catalog_import" ("created_at");`);

    this.addSql(
      `create table "catalog_import_row" ("import_id" uuid not null, "n" int not null, "organization_id" text not null, "cells" jsonb null, "error" text null, primary key ("import_id", "n"));`,
    );

    this.addSql(
      `alter table "catalog_import" add constraint "catalog_import_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "catalog_import" add constraint "catalog_import_created_by_id_foreign" foreign key ("created_by_id") references "user" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "catalog_import_row" add constraint "catalog_import_row_import_id_foreign" foreign key ("import_id") references "catalog_import" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "catalog_import_row" add constraint "catalog_import_row_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "catalog_import_row" drop constraint "catalog_import_row_import_id_foreign";`);

    this.addSql(`drop table if exists "catalog_import" cascade;`);
    this.addSql(`drop table if exists "catalog_import_row" cascade;`);
  }
}
