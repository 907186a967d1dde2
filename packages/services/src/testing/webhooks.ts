import {
  closeChannelAgent,
  createChannelDeps,
  encryptToken,
  type ChannelDeps,
  type Platform,
} from "@syncstore/channels";
import { startSimulator, testChannelEnv, type RunningSimulator } from "@syncstore/channels/testing";
import { createOrm, sqlRows, type EntityManager, type ListingSnapshot, type Orm } from "@syncstore/db";
import { createTestDatabase } from "@syncstore/db/testing";
import { createRealtimeEmitter } from "@syncstore/realtime";
import pg from "pg";
import pino from "pino";
import type { JobDeps } from "../context";
import { createMailer } from "../mailer";
import { canonicalJson } from "@syncstore/channels/webhooks";
import { signTikTokWebhook } from "@syncstore/channels/signing";
import { createHash, randomBytes, randomUUID } from "node:crypto";

/** Test-only helpers: a connected simulator shop, its listings, and webhook rows as the gateway stores them. */

export function channelDepsFor(sim: RunningSimulator): ChannelDeps {
  return createChannelDeps({ ...testChannelEnv, ...sim.env });
}

/** What a webhook-processing integration file runs on: its own database, a simulator, job deps. */
export interface WebhookHarness {
  orm: Orm;
  /** A pg pool on the same database (realtime emitter, graphile-worker `runOnce`). */
  pool: pg.Pool;
  url: string;
  sim: RunningSimulator;
  deps: JobDeps;
  /** Drops everything, in reverse order. */
  close: () => Promise<void>;
}

export async function startWebhookHarness(
  simulatorSeed: string,
  options: { ormPoolMax?: number } = {},
): Promise<WebhookHarness> {
  const log = pino({ level: "silent" });
  const database = await createTestDatabase();
  const orm = await createOrm(database.url, { pool: { min: 0, max: options.ormPoolMax ?? 4 } });
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  const sim = await startSimulator(simulatorSeed);
  const deps: JobDeps = {
    orm,
    realtime: createRealtimeEmitter(pool),
    mailer: createMailer({ from: "SyncStore <no-reply@example.test>", logger: log }),
    logger: log,
    webUrl: "http://localhost:3000",
    channels: channelDepsFor(sim),
  };
  return {
    orm,
    pool,
    url: database.url,
    sim,
    deps,
    close: async () => {
      await closeChannelAgent();
      sim.stop();
      await orm.close(true);
      await pool.end();
      await database.drop();
    },
  };
}

export interface SimProduct {
  id: string;
  title: string;
  sku: string;
  status: string;
  variants: { id: string; sku: string; price: number; stock: { locationId: string; stock: number }[] }[];
}

export interface ConnectedShop {
  platform: Platform;
  shopId: string;
  connectionId: string;
  products: SimProduct[];
  /** Listing id by `productId:variantId` (Shopee items without models all have model 0). */
  listings: Map<string, string>;
}

export async function createOrganization(em: EntityManager, name = "Webhook Goods"): Promise<string> {
  const id = randomUUID();
  await sqlRows(em, `insert into organization (id, name, slug, created_at) values ($1, $2, $3, now())`, [id, name, id]);
  return id;
}

/**
 * Creates a shop in the simulator with products, authorizes it through the adapter and stores the
 * connection (encrypted tokens), one master variant per simulator variant (same SKU) and a linked
 * listing whose last pushed snapshot equals what the shop shows.
 */
export async function connectShop(
  em: EntityManager,
  sim: RunningSimulator,
  channels: Pick<ChannelDeps, "adapters" | "keyring">,
  organizationId: string,
  platform: Platform,
  products = 2,
): Promise<ConnectedShop> {
  const { shop } = await sim.admin<{ shop: { shopId: string; name: string; region: string } }>("POST", "/shops", {
    platform,
    name: `${platform} webhook shop`,
    region: "SG",
    products,
  });
  const adapter = channels.adapters.get(platform);
  const back = await sim.authorize(
    adapter.authorizationUrl({ redirectUrl: "http://localhost:3000/cb", state: "s" }),
    shop.shopId,
  );
  const grant = await adapter.exchangeCode({
    code: back.searchParams.get("code") ?? "",
    ...(platform === "shopee" ? { shopId: shop.shopId } : {}),
  });
  const cipher = grant.shops.find((item) => item.shopId === shop.shopId)?.shopCipher ?? null;
  const connectionId = randomUUID();
  await sqlRows(
    em,
    `insert into channel_connection (id, organization_id, platform, external_shop_id, name, region, shop_cipher,
                                     access_token_enc, refresh_token_enc, access_expires_at, status)
     values ($1, $2, $3, $4, $5, 'SG', $6, $7, $8, $9, 'active')`,
    [
      connectionId,
      organizationId,
      platform,
      shop.shopId,
      shop.name,
      cipher,
      encryptToken(channels.keyring, grant.accessToken),
      encryptToken(channels.keyring, grant.refreshToken),
      grant.accessTokenExpiresAt,
    ],
  );
  const detail = await sim.admin<{ products: SimProduct[] }>("GET", `/shops/${platform}/${shop.shopId}`);
  const listings = new Map<string, string>();
  for (const product of detail.products) {
    const productId = randomUUID();
    await sqlRows(em, `insert into product (id, organization_id, title, status) values ($1, $2, $3, 'active')`, [
      productId,
      organizationId,
      product.title,
    ]);
    for (const variant of product.variants) {
      const variantId = randomUUID();
      const listingId = randomUUID();
      const price = Math.round(variant.price * 100);
      const stock = variant.stock.reduce((sum, entry) => sum + entry.stock, 0);
      await sqlRows(
        em,
        `insert into variant (id, organization_id, product_id, sku, price) values ($1, $2, $3, $4, $5)`,
        [variantId, organizationId, productId, variant.sku, price],
      );
      // Master stock matches what the shop shows, as after a first sync.
      await sqlRows(
        em,
        `insert into stock_level (id, organization_id, variant_id, on_hand) values (gen_random_uuid(), $1, $2, $3)`,
        [organizationId, variantId, stock],
      );
      const pushed: ListingSnapshot = { title: product.title, price, stock, status: product.status };
      await sqlRows(
        em,
        `insert into listing (id, organization_id, connection_id, variant_id, product_id, external_product_id,
                              external_variant_id, external_sku, channel_status, sync_state, last_synced, last_synced_at,
                              channel_state, channel_state_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'in_sync', $10::jsonb, now() - interval '1 hour', $10::jsonb,
                 now() - interval '1 hour')`,
        [
          listingId,
          organizationId,
          connectionId,
          variantId,
          productId,
          product.id,
          variant.id,
          variant.sku,
          product.status,
          JSON.stringify(pushed),
        ],
      );
      listings.set(`${product.id}:${variant.id}`, listingId);
    }
  }
  return { platform, shopId: shop.shopId, connectionId, products: detail.products, listings };
}

export interface SimDelivery {
  id: number;
  platform: Platform;
  kind: string;
  messageId: string;
  body: string;
}

/** Deliveries the simulator recorded for a shop since `afterId` (oldest first). */
export async function deliveriesOf(sim: RunningSimulator, shop: ConnectedShop, afterId = 0): Promise<SimDelivery[]> {
  const { deliveries } = await sim.admin<{ deliveries: SimDelivery[] }>(
    "GET",
    `/webhooks?platform=${shop.platform}&shopId=${shop.shopId}&limit=2000`,
  );
  return deliveries.filter((delivery) => delivery.id > afterId).reverse();
}

export async function lastDeliveryId(sim: RunningSimulator): Promise<number> {
  const { deliveries } = await sim.admin<{ deliveries: SimDelivery[] }>("GET", `/webhooks?limit=1`);
  return deliveries[0]?.id ?? 0;
}

/** Stores a delivered body as the gateway does (one row per platform event identity) and returns its id. */
export async function storeWebhook(
  em: EntityManager,
  shop: ConnectedShop,
  organizationId: string,
  delivery: Pick<SimDelivery, "body" | "kind" | "messageId">,
): Promise<string> {
  const key =
    delivery.messageId ||
    `sha256:${createHash("sha256")
      .update(canonicalJson(JSON.parse(delivery.body)))
      .digest("hex")}`;
  const [row] = await sqlRows<{ id: string }>(
    em,
    `insert into webhook_event (id, organization_id, connection_id, platform, event_key, event_type, external_shop_id,
                                headers, body, status, received_at)
     values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7::jsonb, $8, 'received', now())
     on conflict (platform, event_key) do update set duplicates = webhook_event.duplicates + 1
     returning id::text as id`,
    [
      organizationId,
      shop.connectionId,
      shop.platform,
      key,
      delivery.kind,
      shop.shopId,
      JSON.stringify({ "content-type": "application/json", authorization: "0123abcd" }),
      delivery.body,
    ],
  );
  if (!row) throw new Error("webhook not stored");
  return row.id;
}

/**
 * The webhook hop alone, for latency benches' ceilings: one signed TikTok product-change webhook
 * for `shopId` POSTed to a gateway's TikTok endpoint, timed until the gateway answered (verified,
 * stored with its job). Use a shop no connection knows, so no business work follows the answer.
 */
export async function timeBareWebhook(webhookUrl: string, shopId: string): Promise<number> {
  const now = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    type: 15,
    tts_notification_id: `bench-ceiling-${randomBytes(8).toString("hex")}`,
    shop_id: shopId,
    timestamp: now,
    data: { product_id: `173${randomBytes(6).readUIntBE(0, 6)}`, update_time: now, change_source: "SELLER_CENTER" },
  });
  const t0 = performance.now();
  const response = await fetch(webhookUrl, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: signTikTokWebhook(testChannelEnv.TIKTOK_APP_SECRET, testChannelEnv.TIKTOK_APP_KEY, body),
    },
    body,
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`the gateway answered the ceiling webhook with ${response.status}`);
  return performance.now() - t0;
}
