import { Migration20261205090000_variant_sync } from "./Migration20261205090000_variant_sync";
import { Migration20261205100000_cache_invalidation } from "./Migration20261205100000_cache_invalidation";
import { Migration20261204170000_listing_stock_rule } from "./Migration20261204170000_listing_stock_rule";
import { Migration20261204171000_sales_periods } from "./Migration20261204171000_sales_periods";
import { Migration20261203133033_alert_email_groups_and_out_of_stock_crossing } from "./Migration20261203133033_alert_email_groups_and_out_of_stock_crossing";
import { Migration20261203105246_settings_currency } from "./Migration20261203105246_settings_currency";
import { Migration20261203111736_analytics_reports } from "./Migration20261203111736_analytics_reports";
import { Migration20261203140000_audit_labels } from "./Migration20261203140000_audit_labels";
import { Migration20261203171000_order_rollup_index } from "./Migration20261203171000_order_rollup_index";
import { Migration20261204173000_order_watermark_hold } from "./Migration20261204173000_order_watermark_hold";
import { Migration20261205103000_sales_period_scopes } from "./Migration20261205103000_sales_period_scopes";
import { Migration20261206090000_variant_sync_order } from "./Migration20261206090000_variant_sync_order";
import { Migration20261203110113_inventory_orders_alerts } from "./Migration20261203110113_inventory_orders_alerts";
import { Migration20261203102705_one_shop_one_organization } from "./Migration20261203102705_one_shop_one_organization";
import { Migration20261203094631_conflicts } from "./Migration20261203094631_conflicts";
import { Migration20261124055228_variant_sku_lower_trgm } from "./Migration20261124055228_variant_sku_lower_trgm";
import { Migration20261124053230_catalog_import } from "./Migration20261124053230_catalog_import";
import { Migration20261124053051_sync_engine } from "./Migration20261124053051_sync_engine";
import { Migration20261124052936_webhook_rejections } from "./Migration20261124052936_webhook_rejections";
import { Migration20261124052803_webhook_processing } from "./Migration20261124052803_webhook_processing";
import { Migration20261124052724_listing_publish_import } from "./Migration20261124052724_listing_publish_import";
import { Migration20261124052105_marketplace } from "./Migration20261124052105_marketplace";
import { Migration20261124045210_keep_inventory_history } from "./Migration20261124045210_keep_inventory_history";
import { Migration20261124042327_bulk_operations } from "./Migration20261124042327_bulk_operations";
import { Migration20261124040810_channels } from "./Migration20261124040810_channels";
import { Migration20261124034838_catalog } from "./Migration20261124034838_catalog";
import { Migration20261124032156_foundation } from "./Migration20261124032156_foundation";
import type { MigrationObject } from "@mikro-orm/core";

/**
 * Every migration, listed explicitly so bundlers see them. Generated files are added here by
 * `pnpm db:migration:create` (see src/cli/create-migration.ts); never edit a migration that landed.
 */
export const migrationsList: MigrationObject[] = [
  { name: "Migration20261124032156_foundation", class: Migration20261124032156_foundation },
  { name: "Migration20261124034838_catalog", class: Migration20261124034838_catalog },
  { name: "Migration20261124040810_channels", class: Migration20261124040810_channels },
  { name: "Migration20261124042327_bulk_operations", class: Migration20261124042327_bulk_operations },
  { name: "Migration20261124045210_keep_inventory_history", class: Migration20261124045210_keep_inventory_history },
  { name: "Migration20261124052105_marketplace", class: Migration20261124052105_marketplace },
  { name: "Migration20261124052724_listing_publish_import", class: Migration20261124052724_listing_publish_import },
  { name: "Migration20261124052803_webhook_processing", class: Migration20261124052803_webhook_processing },
  { name: "Migration20261124052936_webhook_rejections", class: Migration20261124052936_webhook_rejections },
  { name: "Migration20261124053051_sync_engine", class: Migration20261124053051_sync_engine },
  { name: "Migration20261124053230_catalog_import", class: Migration20261124053230_catalog_import },
  { name: "Migration20261124055228_variant_sku_lower_trgm", class: Migration20261124055228_variant_sku_lower_trgm },
  { name: "Migration20261203094631_conflicts", class: Migration20261203094631_conflicts },
  { name: "Migration20261203102705_one_shop_one_organization", class: Migration20261203102705_one_shop_one_organization },
  { name: "Migration20261203105246_settings_currency", class: Migration20261203105246_settings_currency },
  { name: "Migration20261203110113_inventory_orders_alerts", class: Migration20261203110113_inventory_orders_alerts },
  { name: "Migration20261203111736_analytics_reports", class: Migration20261203111736_analytics_reports },
  { name: "Migration20261203133033_alert_email_groups_and_out_of_stock_crossing", class: Migration20261203133033_alert_email_groups_and_out_of_stock_crossing },
  { name: "Migration20261203140000_audit_labels", class: Migration20261203140000_audit_labels },
  { name: "Migration20261203171000_order_rollup_index", class: Migration20261203171000_order_rollup_index },
  { name: "Migration20261204170000_listing_stock_rule", class: Migration20261204170000_listing_stock_rule },
  { name: "Migration20261204171000_sales_periods", class: Migration20261204171000_sales_periods },
  { name: "Migration20261204173000_order_watermark_hold", class: Migration20261204173000_order_watermark_hold },
  { name: "Migration20261205090000_variant_sync", class: Migration20261205090000_variant_sync },
  { name: "Migration20261205100000_cache_invalidation", class: Migration20261205100000_cache_invalidation },
  { name: "Migration20261205103000_sales_period_scopes", class: Migration20261205103000_sales_period_scopes },
  { name: "Migration20261206090000_variant_sync_order", class: Migration20261206090000_variant_sync_order },
];
