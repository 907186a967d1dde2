import { Migration } from '@mikro-orm/migrations';

export class Migration20261203133033_alert_email_groups_and_out_of_stock_crossing extends Migration {

  override name = 'Migration20261203133033_alert_email_groups_and_out_of_stock_crossing';

  override up(): void | Promise<void> {
    this.addSql(`alter table "notification_preference" add "email_groups" jsonb null;`);


    this.addSql(`alter table "variant_stock_setting" add "out_of_stock_alerted" boolean not null default false;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "notification_preference" drop column "email_groups";`);


    this.addSql(`alter table "variant_stock_setting" drop column "out_of_stock_alerted";`);
  }

}
