import { randomUUID } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Variant } from "./catalog";
import { ChannelConnection } from "./channel-connection";
import { createdAt, organization, updatedAt } from "./columns";
import { Listing } from "./listings";

/** An order placed on a marketplace (inventory reservations and sales analytics read these). */
export const ChannelOrder = defineEntity({
  name: "ChannelOrder",
  tableName: "channel_order",
  uniques: [{ properties: ["connectionId", "externalOrderId"] }],
  indexes: [
    { properties: ["organizationId", "placedAt"] },
    { properties: ["organizationId", "status"] },
    // The rollups recompute a shop's touched hours and days by range over this exact expression.
    {
      name: "channel_order_connection_placed_index",
      expression: `create index if not exists "channel_order_connection_placed_index" on "channel_order" ("connection_id", (coalesce("placed_at", "created_at")))`,
    },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: organization(),
    connectionId: () => p.manyToOne(ChannelConnection).mapToPk().fieldName("connection_id").deleteRule("cascade"),
    externalOrderId: p.string().columnType("text"),
    /** Normalized: "created" | "paid" | "shipped" | "cancelled" | "completed". */
    status: p.string().columnType("text"),
    platformStatus: p.string().columnType("text").nullable(),
    currency: p.string().columnType("text").nullable(),
    total: p.bigint("number").nullable(),
    placedAt: p.datetime().nullable(),
    /** Platform update time of the state we hold; older events never overwrite newer state. */
    platformUpdatedAt: p.datetime().nullable(),
    paidAt: p.datetime().nullable(),
    /** "buyer" | "seller" | "platform" when cancelled. */
    cancelledBy: p.string().columnType("text").nullable(),
    cancelReason: p.string().columnType("text").nullable(),
    /** Fulfilled from the platform's own warehouse: moves no seller stock. */
    fulfilledByPlatform: p.boolean().default(false),
    /** Every status the order went through: `[{ status, platformStatus, at, source }]`. */
    statusHistory: p.json<Record<string, unknown>[]>().default("[]"),
    raw: p.json<Record<string, unknown>>().nullable(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
});
export type ChannelOrder = InferEntity<typeof ChannelOrder>;

export const orderLineEffects = ["none", "committed", "shipped", "released", "restocked"] as const;
export type OrderLineEffect = (typeof orderLineEffects)[number];

/**
 * One line of an order and the stock effect applied for it (exactly once per transition): the
 * units committed, those that did not fit (oversold), and where the line stands.
 */
export const ChannelOrderLine = defineEntity({
  name: "ChannelOrderLine",
  tableName: "channel_order_line",
  uniques: [{ properties: ["orderId", "lineKey"] }],
  indexes: [
    { properties: ["orderId"] },
    { properties: ["organizationId", "variantId"] },
    {
      name: "channel_order_line_oversold_index",
      expression: `create index if not exists "channel_order_line_oversold_index" on "channel_order_line" ("organization_id") where "oversold_quantity" > 0`,
    },
    {
      name: "channel_order_line_unmatched_index",
      expression: `create index if not exists "channel_order_line_unmatched_index" on "channel_order_line" ("organization_id") where "variant_id" is null`,
    },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organizationId: organization(),
    orderId: () => p.manyToOne(ChannelOrder).mapToPk().fieldName("order_id").deleteRule("cascade"),
    listingId: () => p.manyToOne(Listing).mapToPk().nullable().fieldName("listing_id").deleteRule("set null"),
    variantId: () => p.manyToOne(Variant).mapToPk().nullable().fieldName("variant_id").deleteRule("set null"),
    externalProductId: p.string().columnType("text").nullable(),
    externalVariantId: p.string().columnType("text").nullable(),
    sku: p.string().columnType("text").nullable(),
    quantity: p.integer(),
    unitPrice: p.bigint("number").nullable(),
    /** Stable identity of the line within its order (external product|variant|sku). */
    lineKey: p.string().columnType("text"),
    effect: p.enum(orderLineEffects).default("none"),
    /** Units of this line held in `committed` (or shipped from it). */
    committedQuantity: p.integer().default(0).check("committed_quantity >= 0"),
    /** Units that did not fit in stock when the line was committed (first come by creation time). */
    oversoldQuantity: p.integer().default(0).check("oversold_quantity >= 0"),
    /** Units put back on hand after a received return. */
    restockedQuantity: p.integer().default(0),
    effectAt: p.datetime().nullable(),
  },
});
export type ChannelOrderLine = InferEntity<typeof ChannelOrderLine>;

export const orderEntities = [ChannelOrder, ChannelOrderLine];
