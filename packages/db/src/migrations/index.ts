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
];
