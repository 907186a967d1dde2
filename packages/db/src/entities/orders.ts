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
  indexes: [{ properties: ["organizationId", "placedAt"] }, { properties: ["organizationId", "status"] }],
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
    raw: p.json<Record<string, unknown>>().nullable(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
});
export type ChannelOrder = InferEntity<typeof ChannelOrder>;

export const ChannelOrderLine = defineEntity({
  name: "ChannelOrderLine",
  tableName: "channel_order_line",
  indexes: [{ properties: ["orderId"] }, { properties: ["organizationId", "variantId"] }],
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
  },
});
export type ChannelOrderLine = InferEntity<typeof ChannelOrderLine>;

export const orderEntities = [ChannelOrder, ChannelOrderLine];
