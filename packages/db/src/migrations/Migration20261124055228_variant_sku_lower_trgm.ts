import { Migration } from "@mikro-orm/migrations";

export class Migration20261124055228_variant_sku_lower_trgm extends Migration {
  override name = "Migration20261124055228_variant_sku_lower_trgm";

  override up(): void | Promise<void> {
    this.addSql(`drop index "variant_sku_trgm_index";`);
    this.addSql(`create index "variant_sku_lower_trgm_index" on "variant" using gin (lower("sku") gin_trgm_ops);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "variant_sku_lower_trgm_index";`);
    this.addSql(`create index "variant_sku_trgm_index" on "variant" using gin ("sku" gin_trgm_ops);`);
  }
}
