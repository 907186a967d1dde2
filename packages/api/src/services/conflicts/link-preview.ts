import { sqlRows, type ListingSnapshot } from "@syncstore/db";
import { groupKey } from "@syncstore/domain";
import { DomainError } from "../../core/errors";
import type { OrgScope } from "../scope";

export interface LinkPreviewGroup {
  master: { title?: string | null; description?: string | null; price?: number | null; currency?: string | null };
  channel: { title?: string | null; description?: string | null; price?: number | null; currency?: string | null };
  /** Whether the values differ after normalisation (whitespace, HTML, number formatting). */
  differs: boolean;
  /** Whether taking the channel's value into master is possible (same currency for prices). */
  canTakeChannel: boolean;
}

export interface LinkPreview {
  content: LinkPreviewGroup;
  price: LinkPreviewGroup;
}

/**
 * What linking a listing to a master variant would change, per field group: master's values
 * against what the shop shows now. The person then keeps master (pushed) or takes the channel's.
 */
export async function linkPreview(
  scope: OrgScope,
  input: { listingId: string; variantId: string },
): Promise<LinkPreview> {
  const [row] = await sqlRows<{
    channelState: ListingSnapshot | null;
    title: string;
    description: string | null;
    price: number;
    currency: string;
  }>(
    scope.em,
    `select l.channel_state as "channelState", p.title, p.description, v.price::float8 as price, o.currency
       from listing l, variant v join product p on p.id = v.product_id, organization o
      where l.organization_id = $1 and l.id = $2 and v.organization_id = $1 and v.id = $3 and o.id = $1`,
    [scope.actor.organizationId, input.listingId, input.variantId],
  );
  if (!row) throw new DomainError("NOT_FOUND", "This listing or variant does not exist (it may have been removed)");
  const channel = row.channelState ?? {};
  const contentMaster = { title: row.title, description: row.description };
  const contentChannel = {
    title: channel.title ?? null,
    ...(channel.description !== undefined ? { description: channel.description } : {}),
  };
  const priceMaster = { price: row.price, currency: row.currency };
  const priceChannel = { price: channel.price ?? null, currency: channel.currency ?? row.currency };
  const differs = (group: "content" | "price", a: object, b: object) => {
    const left = groupKey(group, a);
    const right = groupKey(group, b);
    return left !== null && right !== null && left !== right;
  };
  return {
    content: {
      master: contentMaster,
      channel: contentChannel,
      differs: differs("content", contentMaster, contentChannel),
      canTakeChannel: Boolean(contentChannel.title),
    },
    price: {
      master: priceMaster,
      channel: priceChannel,
      differs: differs("price", priceMaster, priceChannel),
      canTakeChannel: priceChannel.price !== null && priceChannel.currency === row.currency,
    },
  };
}
