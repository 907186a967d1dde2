import { Migration } from "@mikro-orm/migrations";

export class Migration20261124052724_listing_publish_import extends Migration {
  override name = "Migration20261124052724_listing_publish_import";

  override up(): void | Promise<void> {
    this.addSql(`alter table "channel_connection" add "import_progress" jsonb null;`);

    this.addSql(`alter table "listing" add "publish_options" jsonb null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "channel_connection" drop column "import_progress";`);

    this.addSql(`alter table "listing" drop column "publish_options";`);
  }
}
