import type { RunningSimulator } from "@syncstore/channels/testing";
import { sqlRows, type ListingSnapshot, type Orm } from "@syncstore/db";
import { runOnce } from "graphile-worker";
import type pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobDeps } from "../context";
import { enqueue } from "../enqueue";
import { createTaskList } from "../tasks";
import { adoptUnknownShopEvents } from "./adopt";
import { processWebhookEvent } from "./process";
import { reconcileConnection } from "./reconcile";
import {
  connectShop,
  createOrganization,
  deliveriesOf,
  storeWebhook,
  startWebhookHarness,
  type ConnectedShop,
  type SimDelivery,
  type WebhookHarness,
} from "../testing/webhooks";

/*
 * Every event kind both simulated marketplaces send, stored as the gateway stores it and processed
 * into its effect; idempotence; final failure; reconciliation of a dropped webhook.
 */

let orm: Orm;
let pool: pg.Pool;
let sim: RunningSimulator;
let deps: JobDeps;
let organizationId: string;
const log = pino({ level: "silent" });

let harness: WebhookHarness;

beforeAll(async () => {
  harness = await startWebhookHarness("21");
  ({ orm, pool, sim, deps } = harness);
  organizationId = await createOrganization(orm.em.fork());
}, 60_000);

afterAll(() => harness?.close());

const em = () => orm.em.fork();

/**
 * Runs every due job with the real task list, then waits until their outcomes are written:
 * graphile-worker completes and fails jobs without awaiting it (`completeJob` is fire-and-forget),
 * so `runOnce` can resolve while a finished job's row is still locked, on a busy machine for long
 * enough that the next query still sees it.
 */
async function runDueJobs(): Promise<void> {
  await runOnce({ pgPool: pool, taskList: createTaskList(deps) });
  await expect
    .poll(
      async () =>
        (
          await sqlRows<{ n: number }>(
            em(),
            `select count(*)::int as n from graphile_worker._private_jobs where locked_at is not null`,
          )
        )[0]?.n,
      { timeout: 10_000 },
    )
    .toBe(0);
}

async function act<T>(path: string, body?: unknown, method = "POST"): Promise<T> {
  return sim.admin<T>(method, path, body);
}

/** Runs `action` in the simulator and returns the webhooks it produced for the shop. */
async function webhooksOf(shop: ConnectedShop, action: () => Promise<unknown>): Promise<SimDelivery[]> {
  const before = (await deliveriesOf(sim, shop)).at(-1)?.id ?? 0;
  await action();
  return deliveriesOf(sim, shop, before);
}

async function processAll(shop: ConnectedShop, deliveries: SimDelivery[]): Promise<string[]> {
  const ids: string[] = [];
  for (const delivery of deliveries) {
    const id = await storeWebhook(em(), shop, organizationId, delivery);
    expect(await processWebhookEvent(deps, id, 1, log)).toBe("processed");
    ids.push(id);
  }
  return ids;
}

async function orderRow(shop: ConnectedShop, externalOrderId: string) {
  const [row] = await sqlRows<{ id: string; status: string; platform_status: string; total: string | null }>(
    em(),
    `select id::text as id, status, platform_status, total::text as total from channel_order
      where connection_id = $1 and external_order_id = $2`,
    [shop.connectionId, externalOrderId],
  );
  return row;
}

async function linesOf(orderId: string) {
  return sqlRows<{ listing_id: string | null; variant_id: string | null; sku: string; quantity: number }>(
    em(),
    `select listing_id::text as listing_id, variant_id::text as variant_id, sku, quantity from channel_order_line
      where order_id = $1 order by sku`,
    [orderId],
  );
}

async function listingRow(listingId: string) {
  const [row] = await sqlRows<{
    channel_state: ListingSnapshot | null;
    drift: ListingSnapshot | null;
    channel_status: string | null;
    sync_state: string;
    last_error_code: string | null;
  }>(em(), `select channel_state, drift, channel_status, sync_state, last_error_code from listing where id = $1`, [
    listingId,
  ]);
  return row;
}

async function eventRow(id: string) {
  const [row] = await sqlRows<{
    status: string;
    processed_at: Date | null;
    attempts: number;
    error: string | null;
    outcome: { summary: string } | null;
  }>(em(), `select status, processed_at, attempts, error, outcome from webhook_event where id = $1`, [id]);
  return row;
}

function firstVariant(shop: ConnectedShop) {
  const product = shop.products[0];
  const variant = product?.variants[0];
  if (!product || !variant) throw new Error("the simulator shop has no product");
  return { product, variant, listingId: shop.listings.get(`${product.id}:${variant.id}`) ?? "" };
}

for (const platform of ["shopee", "tiktok"] as const) {
  describe(`${platform} events end to end`, () => {
    let shop: ConnectedShop;

    beforeAll(async () => {
      shop = await connectShop(em(), sim, deps.channels, organizationId, platform, 4);
    }, 30_000);

    it("stores a placed order with its lines matched to the listing and master variant", async () => {
      const { product, variant, listingId } = firstVariant(shop);
      let orderId = "";
      const deliveries = await webhooksOf(shop, async () => {
        const placed = await act<{ result: { id: string } }>(`/shops/${platform}/${shop.shopId}/orders`, {
          lines: [{ productId: product.id, variantId: variant.id, quantity: 2 }],
        });
        orderId = placed.result.id;
      });
      expect(deliveries.map((d) => d.kind)).toContain("order_status");
      await processAll(shop, deliveries);
      const order = await orderRow(shop, orderId);
      expect(order?.status).toBe("paid");
      const lines = await linesOf(order?.id ?? "");
      expect(lines).toEqual([
        expect.objectContaining({
          listing_id: listingId,
          sku: variant.sku,
          quantity: 2,
          variant_id: expect.any(String),
        }),
      ]);
    });

    it("records a cancelled and a shipped order", async () => {
      const { product, variant } = firstVariant(shop);
      const placed = await act<{ result: { id: string } }>(`/shops/${platform}/${shop.shopId}/orders`, {
        lines: [{ productId: product.id, variantId: variant.id, quantity: 1 }],
      });
      const shipped = await act<{ result: { id: string } }>(`/shops/${platform}/${shop.shopId}/orders`, {
        lines: [{ productId: product.id, variantId: variant.id, quantity: 1 }],
      });
      const deliveries = await webhooksOf(shop, async () => {
        await act(`/shops/${platform}/${shop.shopId}/orders/${placed.result.id}/cancel`);
        await act(`/shops/${platform}/${shop.shopId}/orders/${shipped.result.id}/ship`);
      });
      if (platform === "shopee") expect(deliveries.map((d) => d.kind)).toContain("tracking_number");
      await processAll(shop, deliveries);
      expect((await orderRow(shop, placed.result.id))?.status).toBe("cancelled");
      expect((await orderRow(shop, shipped.result.id))?.status).toBe("shipped");
    });

    it("records a price changed on the marketplace as channel state and drift", async () => {
      const { product, variant, listingId } = firstVariant(shop);
      const deliveries = await webhooksOf(shop, () =>
        act(
          `/shops/${platform}/${shop.shopId}/products/${product.id}/variants/${variant.id}`,
          { price: 77.7 },
          "PATCH",
        ),
      );
      expect(deliveries.map((d) => d.kind)).toEqual([
        platform === "shopee" ? "price_update" : "product_information_change",
      ]);
      await processAll(shop, deliveries);
      const listing = await listingRow(listingId);
      expect(listing?.channel_state?.price).toBe(7770);
      expect(listing?.drift).toEqual(expect.objectContaining({ price: 7770 }));
    });

    it("records a stock change the marketplace announced", async () => {
      const { product, variant, listingId } = firstVariant(shop);
      const deliveries = await webhooksOf(shop, async () => {
        if (platform === "tiktok") {
          // TikTok only announces low and out of stock.
          await act(
            `/shops/tiktok/${shop.shopId}/products/${product.id}/variants/${variant.id}`,
            { stock: 3 },
            "PATCH",
          );
        } else {
          // Shopee announces moves of its promotion-reserved stock (code 8).
          await act(
            `/shops/shopee/${shop.shopId}/products/${product.id}/variants/${variant.id}`,
            { reserved: 1 },
            "PATCH",
          );
        }
      });
      const kind = platform === "tiktok" ? "inventory_status" : "reserved_stock_change";
      expect(deliveries.map((d) => d.kind)).toContain(kind);
      await processAll(shop, deliveries);
      const shown = await act<{ products: { id: string; variants: { id: string; stock: { stock: number }[] }[] }[] }>(
        `/shops/${platform}/${shop.shopId}`,
        undefined,
        "GET",
      );
      const simVariant = shown.products.find((p) => p.id === product.id)?.variants.find((v) => v.id === variant.id);
      const listing = await listingRow(listingId);
      expect(listing?.channel_state?.stock).toBe(simVariant?.stock.reduce((sum, s) => sum + s.stock, 0));
      expect(listing?.drift?.stock).toBe(listing?.channel_state?.stock);
      // Room for the orders of the tests that follow (above the low-stock mark: no webhook).
      await act(
        `/shops/${platform}/${shop.shopId}/products/${product.id}/variants/${variant.id}`,
        { stock: 60, ...(platform === "shopee" ? { reserved: 0 } : {}) },
        "PATCH",
      );
    });

    it("blocks pushes to a banned product", async () => {
      const product = shop.products[1];
      const listingId = shop.listings.get(`${product?.id}:${product?.variants[0]?.id}`) ?? "";
      const deliveries = await webhooksOf(shop, () =>
        act(`/shops/${platform}/${shop.shopId}/products/${product?.id}/ban`, { reason: "Counterfeit" }),
      );
      expect(deliveries.map((d) => d.kind)).toEqual([platform === "shopee" ? "banned_item" : "product_status"]);
      await processAll(shop, deliveries);
      const listing = await listingRow(listingId);
      expect(listing?.channel_status).toBe(platform === "shopee" ? "BANNED" : "PLATFORM_DEACTIVATED");
      expect(listing?.sync_state).toBe("failed");
      expect(listing?.last_error_code).toBe("CHANNEL_BANNED");
    });

    if (platform === "tiktok") {
      it("marks a product deleted on TikTok", async () => {
        const product = shop.products[2];
        const listingId = shop.listings.get(`${product?.id}:${product?.variants[0]?.id}`) ?? "";
        const deliveries = await webhooksOf(shop, () =>
          act(`/shops/tiktok/${shop.shopId}/products/${product?.id}`, undefined, "DELETE"),
        );
        await processAll(shop, deliveries);
        const listing = await listingRow(listingId);
        expect(listing?.channel_status).toBe("DELETED");
        expect(listing?.last_error_code).toBe("CHANNEL_DELETED");
      });

      it("notes a product created in the seller centre", async () => {
        const deliveries = await webhooksOf(shop, () =>
          act(`/shops/tiktok/${shop.shopId}/products`, {
            products: [{ title: "New in seller centre", variants: [{ sku: "SC-NEW-1", price: 10, stock: 4 }] }],
          }),
        );
        expect(deliveries.map((d) => d.kind)).toEqual(["product_created"]);
        const [id] = await processAll(shop, deliveries);
        expect((await eventRow(id ?? ""))?.outcome?.summary).toMatch(/no listing/);
      });
    }

    it("processes an event once, however often its job runs", async () => {
      const { product, variant } = firstVariant(shop);
      let orderId = "";
      const deliveries = await webhooksOf(shop, async () => {
        const placed = await act<{ result: { id: string } }>(`/shops/${platform}/${shop.shopId}/orders`, {
          lines: [{ productId: product.id, variantId: variant.id, quantity: 1 }],
        });
        orderId = placed.result.id;
      });
      const orderDelivery = deliveries.find((d) => d.kind === "order_status");
      const id = await storeWebhook(em(), shop, organizationId, orderDelivery ?? deliveries[0]!);
      // The same event enqueued twice (a redelivered job, a replay) and run by the real task list.
      await em().transactional(async (tx) => {
        await enqueue(tx, "process-webhook-event", { eventId: id });
        await enqueue(tx, "process-webhook-event", { eventId: id });
      });
      await runDueJobs();
      const first = await eventRow(id);
      expect(first?.status).toBe("processed");
      expect(await processWebhookEvent(deps, id, 1, log)).toBe("duplicate");
      const again = await eventRow(id);
      expect(again?.processed_at).toEqual(first?.processed_at);
      const order = await orderRow(shop, orderId);
      expect(await linesOf(order?.id ?? "")).toHaveLength(1);
      const [count] = await sqlRows<{ n: number }>(
        em(),
        `select count(*)::int as n from channel_order where connection_id = $1 and external_order_id = $2`,
        [shop.connectionId, orderId],
      );
      expect(count?.n).toBe(1);
    });

    it("never lets an older order state overwrite a newer one", async () => {
      const { product, variant } = firstVariant(shop);
      const placed = await act<{ result: { id: string } }>(`/shops/${platform}/${shop.shopId}/orders`, {
        lines: [{ productId: product.id, variantId: variant.id, quantity: 1 }],
      });
      const orderId = placed.result.id;
      const paidBody =
        platform === "shopee"
          ? {
              msg_id: `old-${orderId}`,
              code: 3,
              shop_id: Number(shop.shopId),
              timestamp: 1_000,
              data: { ordersn: orderId, status: "READY_TO_SHIP", update_time: 1_000 },
            }
          : {
              type: 1,
              tts_notification_id: `old-${orderId}`,
              shop_id: shop.shopId,
              timestamp: 1_000,
              data: { order_id: orderId, order_status: "AWAITING_SHIPMENT", update_time: 1_000 },
            };
      const cancelledBody =
        platform === "shopee"
          ? {
              msg_id: `new-${orderId}`,
              code: 3,
              shop_id: Number(shop.shopId),
              timestamp: 2_000,
              data: { ordersn: orderId, status: "CANCELLED", update_time: 2_000 },
            }
          : {
              type: 1,
              tts_notification_id: `new-${orderId}`,
              shop_id: shop.shopId,
              timestamp: 2_000,
              data: { order_id: orderId, order_status: "CANCEL", update_time: 2_000 },
            };
      // The shop cannot be asked (revoked), so the events' own states decide, newest first.
      await sqlRows(em(), `update channel_connection set status = 'needs_reauth' where id = $1`, [shop.connectionId]);
      try {
        for (const body of [cancelledBody, paidBody]) {
          const id = await storeWebhook(em(), shop, organizationId, {
            body: JSON.stringify(body),
            kind: "order_status",
            messageId: String(
              platform === "shopee"
                ? (body as { msg_id: string }).msg_id
                : (body as { tts_notification_id: string }).tts_notification_id,
            ),
          });
          expect(await processWebhookEvent(deps, id, 1, log)).toBe("processed");
        }
      } finally {
        await sqlRows(em(), `update channel_connection set status = 'active' where id = $1`, [shop.connectionId]);
      }
      expect((await orderRow(shop, orderId))?.status).toBe("cancelled");
    });

    it("marks the event failed and raises one alert after the last attempt", async () => {
      const { product, variant } = firstVariant(shop);
      await act(`/shops/${platform}/${shop.shopId}/faults`, { errorRate: 1 }, "PUT");
      try {
        const ids: string[] = [];
        for (let i = 0; i < 2; i += 1) {
          const deliveries = await webhooksOf(shop, () =>
            act(`/shops/${platform}/${shop.shopId}/orders`, {
              lines: [{ productId: product.id, variantId: variant.id, quantity: 1 }],
            }),
          );
          const delivery = deliveries.find((d) => d.kind === "order_status");
          const id = await storeWebhook(em(), shop, organizationId, delivery!);
          await em().transactional((tx) => enqueue(tx, "process-webhook-event", { eventId: id }, { maxAttempts: 1 }));
          ids.push(id);
        }
        await runDueJobs();
        for (const id of ids) {
          const event = await eventRow(id);
          expect(event?.status).toBe("failed");
          expect(event?.attempts).toBe(1);
          expect(event?.error).toBeTruthy();
        }
        const alerts = await sqlRows<{ count: number; status: string; kind: string }>(
          em(),
          `select count, status, kind from alert where dedupe_key = $1`,
          [`webhook.event_failed:${shop.connectionId}`],
        );
        expect(alerts).toEqual([{ count: 2, status: "open", kind: "webhook.event_failed" }]);
      } finally {
        await act(`/shops/${platform}/${shop.shopId}/faults`, undefined, "DELETE");
      }
    });

    it("reconciliation stores an order whose webhook was dropped and reports it", async () => {
      // A product no earlier test touched: a webhook about it would count as delivered.
      const product = shop.products[3]!;
      const variant = product.variants[0]!;
      const listingId = shop.listings.get(`${product.id}:${variant.id}`) ?? "";
      // Everything so far is reconciled; only what follows is new.
      await sqlRows(
        em(),
        `update channel_connection set last_reconciled_at = now() - interval '5 minutes' where id = $1`,
        [shop.connectionId],
      );
      await reconcileConnection(deps, shop.connectionId, log);
      await act(`/shops/${platform}/${shop.shopId}/faults`, { webhookDropRate: 1 }, "PUT");
      let orderId = "";
      try {
        const deliveries = await webhooksOf(shop, async () => {
          const placed = await act<{ result: { id: string } }>(`/shops/${platform}/${shop.shopId}/orders`, {
            lines: [{ productId: product.id, variantId: variant.id, quantity: 1 }],
          });
          orderId = placed.result.id;
          await act(
            `/shops/${platform}/${shop.shopId}/products/${product.id}/variants/${variant.id}`,
            { price: 88.8 },
            "PATCH",
          );
        });
        expect(deliveries.every((d) => (d as SimDelivery & { status: string }).status === "dropped")).toBe(true);
      } finally {
        await act(`/shops/${platform}/${shop.shopId}/faults`, undefined, "DELETE");
      }
      expect(await orderRow(shop, orderId)).toBeUndefined();
      const result = await reconcileConnection(deps, shop.connectionId, log, new Date(Date.now() + 2_000));
      expect(result.status).toBe("succeeded");
      expect(result.ordersMissed).toBe(1);
      expect(result.listingChangesMissed).toBeGreaterThanOrEqual(1);
      expect((await orderRow(shop, orderId))?.status).toBe("paid");
      expect((await listingRow(listingId))?.channel_state?.price).toBe(8880);
      const [run] = await sqlRows<{ orders_missed: number; details: { externalId: string }[] }>(
        em(),
        `select orders_missed, details from reconciliation_run where id = $1`,
        [result.runId],
      );
      expect(run?.details.map((d) => d.externalId)).toContain(orderId);
      const [connection] = await sqlRows<{ last_reconciled_at: Date | null }>(
        em(),
        `select last_reconciled_at from channel_connection where id = $1`,
        [shop.connectionId],
      );
      expect(connection?.last_reconciled_at).not.toBeNull();
      const [alert] = await sqlRows<{ kind: string; count: number }>(
        em(),
        `select kind, count from alert where dedupe_key = $1`,
        [`webhook.missed:${shop.connectionId}`],
      );
      expect(alert?.kind).toBe("webhook.missed");
      // A second pass finds nothing new: what it stored is no longer missing.
      const again = await reconcileConnection(deps, shop.connectionId, log, new Date(Date.now() + 3_000));
      expect(again.ordersMissed).toBe(0);
    });

    it("marks the connection for re-authorization when the seller deauthorizes", async () => {
      const deliveries = await webhooksOf(shop, () => act(`/shops/${platform}/${shop.shopId}/deauthorize`));
      expect(deliveries.map((d) => d.kind)).toEqual([
        platform === "shopee" ? "shop_deauthorized" : "seller_deauthorization",
      ]);
      await processAll(shop, deliveries);
      const [connection] = await sqlRows<{ status: string }>(
        em(),
        `select status from channel_connection where id = $1`,
        [shop.connectionId],
      );
      expect(connection?.status).toBe("needs_reauth");
      const [alert] = await sqlRows<{ kind: string; severity: string }>(
        em(),
        `select kind, severity from alert where dedupe_key = $1`,
        [`channel.reauth:${shop.connectionId}`],
      );
      expect(alert).toEqual({ kind: "channel.reauth", severity: "critical" });
    });
  });
}

describe("events that are not processed", () => {
  it("keeps an event of an unknown shop without processing it", async () => {
    const [row] = await sqlRows<{ id: string }>(
      em(),
      `insert into webhook_event (id, platform, event_key, event_type, body) values (gen_random_uuid(), 'tiktok', 'unknown-1', 'order_status', $1)
       returning id::text as id`,
      [
        JSON.stringify({
          type: 1,
          tts_notification_id: "unknown-1",
          shop_id: "999",
          timestamp: 1,
          data: { order_id: "1" },
        }),
      ],
    );
    expect(await processWebhookEvent(deps, row?.id ?? "", 1, log)).toBe("unknown_shop");
    expect((await eventRow(row?.id ?? ""))?.status).toBe("unknown_shop");
  });

  /** An event the gateway stored for a shop not connected (yet), with its delayed processing job. */
  async function storeUnknownShopEvent(shopId: string, key: string): Promise<string> {
    const body = JSON.stringify({ type: 7, tts_notification_id: key, shop_id: shopId, timestamp: 1, data: {} });
    const [row] = await sqlRows<{ id: string }>(
      em(),
      `insert into webhook_event (id, platform, event_key, event_type, external_shop_id, body, status, error)
       values (gen_random_uuid(), 'tiktok', $1, 'authorization.expiring', $2, $3, 'unknown_shop', $4)
       returning id::text as id`,
      [key, shopId, body, `shop ${shopId} is not connected`],
    );
    await sqlRows(
      em(),
      `select graphile_worker.add_job('process-webhook-event', json_build_object('eventId', $1::text),
         run_at := now() + interval '45 seconds', max_attempts := 8, job_key := 'webhook:' || $1)`,
      [row!.id],
    );
    return row!.id;
  }

  const jobOf = async (eventId: string) =>
    (
      await sqlRows<{ due: boolean }>(em(), `select run_at <= now() as due from graphile_worker.jobs where key = $1`, [
        `webhook:${eventId}`,
      ])
    )[0];

  /** The delayed job's time has come (the gateway schedules it 45 s after arrival). */
  const makeDue = (eventId: string) =>
    sqlRows(em(), `update graphile_worker._private_jobs set run_at = now() where key = $1`, [`webhook:${eventId}`]);

  it("processes an event of a shop connected after it arrived when its delayed job runs, without the sweep", async () => {
    const id = await storeUnknownShopEvent("777", "late-connect-1");
    await sqlRows(
      em(),
      `insert into channel_connection (id, organization_id, platform, external_shop_id, name, status)
       values (gen_random_uuid(), $1, 'tiktok', '777', 'Connected later', 'active')`,
      [organizationId],
    );
    expect((await jobOf(id))?.due).toBe(false);
    await makeDue(id);
    await runDueJobs();
    const [row] = await sqlRows<{ status: string; organization_id: string | null; error: string | null }>(
      em(),
      `select status, organization_id, error from webhook_event where id = $1`,
      [id],
    );
    expect(row).toEqual({ status: "processed", organization_id: organizationId, error: null });
    // graphile-worker may complete the job just after runOnce returns.
    await expect.poll(() => jobOf(id)).toBeUndefined();
  });

  it("brings the delayed job forward when the connect callback adopts the event", async () => {
    const id = await storeUnknownShopEvent("666", "late-connect-2");
    const [connection] = await sqlRows<{ id: string }>(
      em(),
      `insert into channel_connection (id, organization_id, platform, external_shop_id, name, status)
       values (gen_random_uuid(), $1, 'tiktok', '666', 'Connected by callback', 'active') returning id::text as id`,
      [organizationId],
    );
    expect(await em().transactional((tx) => adoptUnknownShopEvents(tx, { connectionIds: [connection!.id] }))).toBe(1);
    expect((await jobOf(id))?.due).toBe(true);
    await runDueJobs();
    expect((await eventRow(id))?.status).toBe("processed");
  });

  it("leaves an event of a shop never connected as unknown_shop when its delayed job runs, without an alert", async () => {
    const alerts = async () => (await sqlRows<{ n: number }>(em(), `select count(*)::int as n from alert`))[0]?.n ?? 0;
    const before = await alerts();
    const id = await storeUnknownShopEvent("555", "never-connected-1");
    await makeDue(id);
    await runDueJobs();
    const [row] = await sqlRows<{ status: string; error: string | null; attempts: number }>(
      em(),
      `select status, error, attempts from webhook_event where id = $1`,
      [id],
    );
    expect(row).toEqual({ status: "unknown_shop", error: "shop 555 is not connected", attempts: 1 });
    // The job completed (no retry) and nothing was raised; the reconciliation sweep still adopts it later.
    // graphile-worker may complete the job just after runOnce returns.
    await expect.poll(() => jobOf(id)).toBeUndefined();
    expect(await alerts()).toBe(before);
  });

  it("adopts events that arrived before their shop was connected and processes them", async () => {
    const body = (key: string) =>
      JSON.stringify({ type: 7, tts_notification_id: key, shop_id: "888", timestamp: 1, data: {} });
    const stored = await sqlRows<{ id: string }>(
      em(),
      `insert into webhook_event (id, platform, event_key, event_type, external_shop_id, body, status)
       values (gen_random_uuid(), 'tiktok', 'early-1', 'authorization.expiring', '888', $1, 'unknown_shop'),
              (gen_random_uuid(), 'tiktok', 'early-2', 'authorization.expiring', '888', $2, 'received')
       returning id::text as id`,
      [body("early-1"), body("early-2")],
    );
    const [connection] = await sqlRows<{ id: string }>(
      em(),
      `insert into channel_connection (id, organization_id, platform, external_shop_id, name, status)
       values (gen_random_uuid(), $1, 'tiktok', '888', 'Late shop', 'active') returning id::text as id`,
      [organizationId],
    );
    // The connect callback adopts the unknown-shop event and queues it.
    expect(await em().transactional((tx) => adoptUnknownShopEvents(tx, { connectionIds: [connection!.id] }))).toBe(1);
    const [job] = await sqlRows<{ n: number }>(
      em(),
      `select count(*)::int as n from graphile_worker.jobs where key = $1`,
      [`webhook:${stored[0]!.id}`],
    );
    expect(job?.n).toBe(1);
    expect(await processWebhookEvent(deps, stored[0]!.id, 1, log)).toBe("processed");
    // An event queued while its shop was unknown finds the connection when it is processed.
    expect(await processWebhookEvent(deps, stored[1]!.id, 1, log)).toBe("processed");
    const rows = await sqlRows<{ connection_id: string; status: string }>(
      em(),
      `select connection_id::text as connection_id, status from webhook_event where id = any($1::uuid[])`,
      [stored.map((row) => row.id)],
    );
    expect(rows).toEqual([
      { connection_id: connection!.id, status: "processed" },
      { connection_id: connection!.id, status: "processed" },
    ]);
  });
});
