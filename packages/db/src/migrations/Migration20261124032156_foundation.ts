import { Migration } from "@mikro-orm/migrations";

export class Migration20261124032156_foundation extends Migration {
  override name = "Migration20261124032156_foundation";

  override up(): void | Promise<void> {
    this.addSql(
      `create table "organization" ("id" text not null, "name" text not null, "slug" text not null, "logo" text null, "metadata" text null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`alter table "organization" add constraint "organization_slug_unique" unique ("slug");`);

    this.addSql(
      `create table "rate_limit" ("id" text not null, "key" text not null, "count" int not null, "last_request" bigint not null, primary key ("id"));`,
    );
    this.addSql(`alter table "rate_limit" add constraint "rate_limit_key_unique" unique ("key");`);

    this.addSql(
      `create table "socket_io_attachments" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "payload" bytea not null);`,
    );
    this.addSql(`create index "socket_io_attachments_created_at_index" on "socket_io_attachments" ("created_at");`);

    this.addSql(
      `create table "user" ("id" text not null, "name" text not null, "email" text not null, "email_verified" boolean not null default false, "image" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`alter table "user" add constraint "user_email_unique" unique ("email");`);

    this.addSql(
      `create table "session" ("id" text not null, "user_id" text not null, "token" text not null, "expires_at" timestamptz not null, "ip_address" text null, "user_agent" text null, "active_organization_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "session_user_id_index" on "session" ("user_id");`);
    this.addSql(`alter table "session" add constraint "session_token_unique" unique ("token");`);

    this.addSql(
      `create table "member" ("id" text not null, "organization_id" text not null, "user_id" text not null, "role" text not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "member_organization_id_index" on "member" ("organization_id");`);
    this.addSql(`create index "member_user_id_index" on "member" ("user_id");`);
    this.addSql(
      `alter table "member" add constraint "member_organization_id_user_id_unique" unique ("organization_id", "user_id");`,
    );

    this.addSql(
      `create table "invitation" ("id" text not null, "organization_id" text not null, "email" text not null, "role" text null, "status" text not null default 'pending', "expires_at" timestamptz not null, "inviter_id" text not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "invitation_organization_id_index" on "invitation" ("organization_id");`);
    this.addSql(`create index "invitation_email_index" on "invitation" ("email");`);
    this.addSql(`create index "invitation_inviter_id_index" on "invitation" ("inviter_id");`);

    this.addSql(
      `create table "audit_log" ("id" uuid not null, "organization_id" text not null, "actor_id" text null, "action" text not null, "entity" text not null, "entity_id" text null, "diff" jsonb null, "ip" text null, "user_agent" text null, "request_id" text null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `create index "audit_log_organization_id_created_at_index" on "audit_log" ("organization_id", "created_at");`,
    );
    this.addSql(
      `create index "audit_log_organization_id_actor_id_created_at_index" on "audit_log" ("organization_id", "actor_id", "created_at");`,
    );
    this.addSql(
      `create index "audit_log_organization_id_entity_entity_id_index" on "audit_log" ("organization_id", "entity", "entity_id");`,
    );

    this.addSql(
      `create table "account" ("id" text not null, "user_id" text not null, "account_id" text not null, "provider_id" text not null, "access_token" text null, "refresh_token" text null, "id_token" text null, "access_token_expires_at" timestamptz null, "refresh_token_expires_at" timestamptz null, "scope" text null, "password" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "account_user_id_index" on "account" ("user_id");`);

    this.addSql(
      `create table "verification" ("id" text not null, "identifier" text not null, "value" text not null, "expires_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "verification_identifier_index" on "verification" ("identifier");`);

    this.addSql(
      `alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "member" add constraint "member_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "member" add constraint "member_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "invitation" add constraint "invitation_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "invitation" add constraint "invitation_inviter_id_foreign" foreign key ("inviter_id") references "user" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "audit_log" add constraint "audit_log_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "audit_log" add constraint "audit_log_actor_id_foreign" foreign key ("actor_id") references "user" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "account" add constraint "account_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "member" drop constraint "member_organization_id_foreign";`);
    this.addSql(`alter table "invitation" drop constraint "invitation_organization_id_foreign";`);
    this.addSql(`alter table "audit_log" drop constraint "audit_log_organization_id_foreign";`);
    this.addSql(`alter table "session" drop constraint "session_user_id_foreign";`);
    this.addSql(`alter table "member" drop constraint "member_user_id_foreign";`);
    this.addSql(`alter table "invitation" drop constraint "invitation_inviter_id_foreign";`);
    this.addSql(`alter table "audit_log" drop constraint "audit_log_actor_id_foreign";`);
    this.addSql(`alter table "account" drop constraint "account_user_id_foreign";`);

    this.addSql(`drop table if exists "organization" cascade;`);
    this.addSql(`drop table if exists "rate_limit" cascade;`);
    this.addSql(`drop table if exists "socket_io_attachments" cascade;`);
    this.addSql(`drop table if exists "user" cascade;`);
    this.addSql(`drop table if exists "session" cascade;`);
    this.addSql(`drop table if exists "member" cascade;`);
    this.addSql(`drop table if exists "invitation" cascade;`);
    this.addSql(`drop table if exists "audit_log" cascade;`);
    this.addSql(`drop table if exists "account" cascade;`);
    this.addSql(`drop table if exists "verification" cascade;`);
  }
}
