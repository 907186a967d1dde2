import { Migration } from '@mikro-orm/migrations';

export class Migration20261203105246_settings_currency extends Migration {

  override name = 'Migration20261203105246_settings_currency';

  override up(): void | Promise<void> {
    this.addSql(`create table "exchange_rate" ("id" uuid not null, "organization_id" text not null, "currency" text not null, "rate" numeric(20,10) null, "rounding" jsonb not null, "set_at" timestamptz null, "set_by" text null, "updated_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "exchange_rate" add constraint "exchange_rate_organization_id_currency_unique" unique ("organization_id", "currency");`);

    this.addSql(`alter table "organization" add "time_zone" text not null default 'UTC', add "margin_threshold_bps" int null;`);

    this.addSql(`alter table "channel_connection" add "currency" text null, add "default_price_rule" jsonb null;`);

    this.addSql(`alter table "audit_log" add "entity_label" text null;`);

    // Shops connected before this change learn their currency from the region they already hold.
    this.addSql(`update "channel_connection" set "currency" = case
      when "platform" = 'shopee' then (jsonb_build_object('SG','SGD','MY','MYR','BR','BRL','MX','MXN','PL','PLN','ES','EUR','AR','ARS','ID','IDR','VN','VND','TH','THB','PH','PHP','TW','TWD','CO','COP','CL','CLP') ->> upper("region"))
      else (jsonb_build_object('US','USD','GB','GBP','ID','IDR','MY','MYR','TH','THB','VN','VND','PH','PHP','SG','SGD','MX','MXN','ES','EUR') ->> upper("region")) end
      where "region" is not null;`,
    );

    this.addSql(`alter table "exchange_rate" add constraint "exchange_rate_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "exchange_rate" add constraint "exchange_rate_set_by_foreign" foreign key ("set_by") references "user" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "exchange_rate" cascade;`);

    this.addSql(`alter table "audit_log" drop column "entity_label";`);

    this.addSql(`alter table "channel_connection" drop column "currency", drop column "default_price_rule";`);

    this.addSql(`alter table "organization" drop column "time_zone", drop column "margin_threshold_bps";`);
  }

}
