import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Organization } from "./auth";
import { Variant } from "./catalog";
import { ChannelConnection } from "./channel-connection";

const organization = () => p.manyToOne(Organization).mapToPk().fieldName("organization_id").deleteRule("cascade");

/** A stock rule as stored (listing, connection or organization default); see domain `StockRule`. */
export type StoredStockRule = Record<string, unknown>;

/**
 * The organization's inventory settings (Settings → Inventory). Kept apart from the organization
 * settings so the inventory capability owns its own storage.
 */
export const InventorySettings = defineEntity({
  name: "InventorySettings",
  tableName: "inventory_settings",
  properties: {
    organizationId: () =>
      p.manyToOne(Organization).mapToPk().primary().fieldName("organization_id").deleteRule("cascade"),
    /** Default low-stock threshold (available at or below it raises one alert per crossing). */
    lowStockThreshold: p.integer().default(5).check("low_stock_threshold >= 0"),
    /** Put returned units back on hand when the return is received, without a person confirming. */
    autoRestockReturns: p.boolean().default(false),
    /** The organization's default stock rule (listing > connection > this). */
    defaultStockRule: p.json<StoredStockRule>().nullable(),
    updatedAt: p
      .datetime()
      .defaultRaw("now()")
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type InventorySettings = InferEntity<typeof InventorySettings>;

/** Per-variant inventory state: low-stock override and whether the low-stock alert already fired. */
export const VariantStockSetting = defineEntity({
  name: "VariantStockSetting",
  tableName: "variant_stock_setting",
  properties: {
    variantId: () => p.manyToOne(Variant).mapToPk().primary().fieldName("variant_id").deleteRule("cascade"),
    organizationId: organization(),
    /** Overrides the organization default when set. */
    lowStockThreshold: p.integer().nullable().check("low_stock_threshold >= 0"),
    /** Below the threshold and alerted: no new alert until available rises above it again. */
    lowStockAlerted: p.boolean().default(false),
    /** At 0 or below and alerted (critical): no new out-of-stock alert until available rises above 0. */
    outOfStockAlerted: p.boolean().default(false),
  },
});
export type VariantStockSetting = InferEntity<typeof VariantStockSetting>;

/** A shop-wide stock rule (priority: listing > connection > organization default). */
export const ConnectionStockRule = defineEntity({
  name: "ConnectionStockRule",
  tableName: "connection_stock_rule",
  properties: {
    connectionId: () =>
      p.manyToOne(ChannelConnection).mapToPk().primary().fieldName("connection_id").deleteRule("cascade"),
    organizationId: organization(),
    rule: p.json<StoredStockRule>(),
  },
});
export type ConnectionStockRule = InferEntity<typeof ConnectionStockRule>;

export const inventoryEntities = [InventorySettings, VariantStockSetting, ConnectionStockRule];
