import { Migration } from "@mikro-orm/migrations";

export class Migration20261124045210_keep_inventory_history extends Migration {
  override name = "Migration20261124045210_keep_inventory_history";

  override up(): void | Promise<void> {
    this.addSql(`alter table "inventory_movement" drop constraint "inventory_movement_variant_id_foreign";`);

    this.addSql(`alter table "inventory_movement" alter column "variant_id" drop not null;`);
    this.addSql(
      `alter table "inventory_movement" add constraint "inventory_movement_variant_id_foreign" foreign key ("variant_id") references "variant" ("id") on delete set null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "inventory_movement" drop constraint "inventory_movement_variant_id_foreign";`);

    this.addSql(`alter table "inventory_movement" alter column "variant_id" set not null;`);
    this.addSql(
      `alter table "inventory_movement" add constraint "inventory_movement_variant_id_foreign" foreign key ("variant_id") references "variant" ("id") on delete cascade;`,
    );
  }
}
