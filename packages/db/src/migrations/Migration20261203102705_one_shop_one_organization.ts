import { Migration } from '@mikro-orm/migrations';

export class Migration20261203102705_one_shop_one_organization extends Migration {

  override name = 'Migration20261203102705_one_shop_one_organization';

  override up(): void | Promise<void> {
    // A shop connected by several organizations before this constraint keeps only its most
    // recently updated live connection (the one its webhooks already went to); the others are
    // disconnected, their tokens dropped, as a disconnect does.
    this.addSql(`update "channel_connection" c set status = 'disconnected', access_token_enc = null, refresh_token_enc = null,
       last_error = 'Disconnected: this shop is connected to another organization', updated_at = now()
       where c.status <> 'disconnected' and exists (
         select 1 from "channel_connection" o
          where o.platform = c.platform and o.external_shop_id = c.external_shop_id and o.status <> 'disconnected'
            and (o.updated_at, o.id) > (c.updated_at, c.id));`);
    this.addSql(`create unique index "channel_connection_one_live_shop_unique" on "channel_connection" ("platform", "external_shop_id") where status <> 'disconnected';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "channel_connection_one_live_shop_unique";`);
  }

}
