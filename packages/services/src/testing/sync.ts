/*
 * Test and benchmark support for the sync engine: a connected shop on the marketplace simulator
 * (real authorization, tokens encrypted like production), master products whose listings are linked
 * to the simulator's products, a real graphile-worker runner, and helpers to edit master data the
 * way the API does (change + markListingsForSync in one transaction).
 */
import { randomUUID } from "node:crypto";
import {
  createChannelDeps,
  encryptToken,
  shopCurrency,
  type ChannelDeps,
  type ChannelDepsEnv,
  type Platform,
} from "@syncstore/channels";
import type { RunningSimulator } from "@syncstore/channels/testing";
import { sqlRows, type Orm } from "@syncstore/db";
import { createRealtimeEmitter } from "@syncstore/realtime";
import { Logger as GraphileLogger, run, type Runner } from "graphile-worker";
import pg from "pg";
import pino, { type Logger } from "pino";
import type { JobDeps } from "../context";
import { createMailer } from "../mailer";
import { markListingsForSync } from "../sync/mark";
import { defaultSyncSettings, type SyncSettings } from "../sync/settings";
import { createTaskList } from "../tasks";

export interface SimProduct {
  id: string;
  title: string;
  description: string;
  variants: {
    id: string;
    sku: string;
    price: number;
    stock: { locationId: string; stock: number }[];
    reserved: number;
  }[];
}

export interface SyncFixture {
  organizationId: string;
  connectionId: string;
  platform: Platform;
  shopId: string;
  /** Master ids in the simulator's product order. */
  products: {
    productId: string;
    externalProductId: string;
    variants: { variantId: string; listingId: string; externalVariantId: string }[];
  }[];
  listingIds: string[];
  variantIds: string[];
}

export function channelDepsFor(sim: RunningSimulator, base: ChannelDepsEnv): ChannelDeps {
  return createChannelDeps({ ...base, ...sim.env });
}

/** Creates (once) an organization with SGD amounts. */
export async function ensureOrganization(orm: Orm, organizationId: string): Promise<void> {
  await sqlRows(
    orm.em.fork(),
    `insert into organization (id, name, slug, currency, created_at) values ($1, $1, $1, 'SGD', now()) on conflict do nothing`,
    [organizationId],
  );
}

/**
 * A simulator shop in region SG with `products` products of `variants` variants each (prices
 * 10.00, stock 5), connected through the platform's real authorization flow, mirrored as master
 * products and variants with one in-sync listing per variant.
 */
export async function seedSyncFixture(
  orm: Orm,
  sim: RunningSimulator,
  channels: ChannelDeps,
  input: {
    organizationId: string;
    platform: Platform;
    products: number;
    variants: number;
    name?: string;
    /** The shop's region; when given, the connection also knows the region's currency (MY → MYR). */
    region?: string;
  },
): Promise<SyncFixture> {
  const { organizationId, platform } = input;
  await ensureOrganization(orm, organizationId);
  const { shop } = await sim.admin<{ shop: { shopId: string } }>("POST", "/shops", {
    platform,
    name: input.name ?? `${platform} shop`,
    region: input.region ?? "SG",
    products: 0,
  });
  const sizes = Array.from({ length: input.variants }, (_, i) => `S${i}`);
  for (let start = 0; start < input.products; start += 200) {
    const count = Math.min(200, input.products - start);
    await sim.admin("POST", `/shops/${platform}/${shop.shopId}/products`, {
      products: Array.from({ length: count }, (_, i) => ({
        title: `Product ${start + i}`,
        description: `Description ${start + i}`,
        tiers: [{ name: "Size", options: sizes }],
        variants: sizes.map((size, s) => ({ sku: `P${start + i}-${size}`, price: 10, stock: 5, tierIndex: [s] })),
      })),
    });
  }
  const tokens = await authorizeShop(sim, channels, platform, shop.shopId);
  const connectionId = randomUUID();
  await sqlRows(
    orm.em.fork(),
    `insert into channel_connection (id, organization_id, platform, external_shop_id, name, region, shop_cipher,
        access_token_enc, refresh_token_enc, access_expires_at, refresh_expires_at, status, created_at, updated_at, currency)
     values ($1, $2, $3, $4, $5, $11, $6, $7, $8, $9, $10, 'active', now(), now(), $12)`,
    [
      connectionId,
      organizationId,
      platform,
      shop.shopId,
      input.name ?? `${platform} shop`,
      tokens.shopCipher,
      tokens.accessTokenEnc,
      tokens.refreshTokenEnc,
      tokens.accessExpiresAt,
      tokens.refreshExpiresAt,
      input.region ?? "SG",
      input.region ? shopCurrency(platform, input.region) : null,
    ],
  );

  const products = await simProducts(sim, platform, shop.shopId);
  const fixture: SyncFixture = {
    organizationId,
    connectionId,
    platform,
    shopId: shop.shopId,
    products: [],
    listingIds: [],
    variantIds: [],
  };
  const rows = { product: [] as unknown[], variant: [] as unknown[], listing: [] as unknown[] };
  for (const product of products) {
    const productId = randomUUID();
    const entry = {
      productId,
      externalProductId: product.id,
      variants: [] as SyncFixture["products"][number]["variants"],
    };
    rows.product.push({ id: productId, title: product.title, description: product.description });
    for (const variant of product.variants) {
      const variantId = randomUUID();
      const listingId = randomUUID();
      const stock = variant.stock.reduce((sum, l) => sum + l.stock, 0);
      rows.variant.push({
        id: variantId,
        product_id: productId,
        sku: `${shop.shopId}-${variant.sku}`,
        price: Math.round(variant.price * 100),
        on_hand: stock,
      });
      rows.listing.push({
        id: listingId,
        variant_id: variantId,
        product_id: productId,
        external_product_id: product.id,
        external_variant_id: variant.id,
        last_synced: {
          title: product.title,
          description: product.description,
          price: Math.round(variant.price * 100),
          stock,
        },
      });
      entry.variants.push({ variantId, listingId, externalVariantId: variant.id });
      fixture.listingIds.push(listingId);
      fixture.variantIds.push(variantId);
    }
    fixture.products.push(entry);
  }
  const em = orm.em.fork();
  await em.transactional(async (tx) => {
    await sqlRows(
      tx,
      `insert into product (id, organization_id, title, description, status, created_at, updated_at)
       select r.id, $2, r.title, r.description, 'active', now(), now() from jsonb_to_recordset($1::jsonb) as r(id uuid, title text, description text)`,
      [JSON.stringify(rows.product), organizationId],
    );
    await sqlRows(
      tx,
      `insert into variant (id, organization_id, product_id, sku, price, created_at, updated_at)
       select r.id, $2, r.product_id, r.sku, r.price, now(), now() from jsonb_to_recordset($1::jsonb) as r(id uuid, product_id uuid, sku text, price bigint)`,
      [JSON.stringify(rows.variant), organizationId],
    );
    await sqlRows(
      tx,
      `insert into stock_level (id, organization_id, variant_id, on_hand, committed, updated_at)
       select gen_random_uuid(), $2, r.id, r.on_hand, 0, now() from jsonb_to_recordset($1::jsonb) as r(id uuid, on_hand int)`,
      [JSON.stringify(rows.variant), organizationId],
    );
    await sqlRows(
      tx,
      `insert into listing (id, organization_id, connection_id, variant_id, product_id, external_product_id, external_variant_id,
                            enabled, sync_state, desired_version, synced_version, last_synced, last_synced_at, created_at, updated_at)
       select r.id, $2, $3, r.variant_id, r.product_id, r.external_product_id, r.external_variant_id,
              true, 'in_sync', 1, 1, r.last_synced, now(), now(), now()
         from jsonb_to_recordset($1::jsonb) as r(id uuid, variant_id uuid, product_id uuid, external_product_id text, external_variant_id text, last_synced jsonb)`,
      [JSON.stringify(rows.listing), organizationId, connectionId],
    );
  });
  return fixture;
}

/** Plays the seller authorizing the app on the simulator; returns the tokens encrypted for storage. */
export async function authorizeShop(
  sim: RunningSimulator,
  channels: ChannelDeps,
  platform: Platform,
  shopId: string,
): Promise<{
  accessTokenEnc: string;
  refreshTokenEnc: string;
  accessExpiresAt: Date;
  refreshExpiresAt: Date | null;
  shopCipher: string | null;
}> {
  const adapter = channels.adapters.get(platform);
  const back = await sim.authorize(
    adapter.authorizationUrl({ redirectUrl: "http://localhost:3000/cb", state: "st" }),
    shopId,
  );
  const grant = await adapter.exchangeCode({
    code: back.searchParams.get("code") ?? "",
    ...(platform === "shopee" ? { shopId } : {}),
  });
  const granted = grant.shops.find((s) => s.shopId === shopId) ?? grant.shops[0];
  return {
    accessTokenEnc: encryptToken(channels.keyring, grant.accessToken),
    refreshTokenEnc: encryptToken(channels.keyring, grant.refreshToken),
    accessExpiresAt: grant.accessTokenExpiresAt,
    refreshExpiresAt: grant.refreshTokenExpiresAt,
    shopCipher: granted?.shopCipher ?? null,
  };
}

export async function simProducts(sim: RunningSimulator, platform: Platform, shopId: string): Promise<SimProduct[]> {
  const { products } = await sim.admin<{ products: SimProduct[] }>("GET", `/shops/${platform}/${shopId}`);
  return products;
}

/** Simulator request counters for one shop: total calls per API, and the most in one second. */
export async function simTraffic(
  sim: RunningSimulator,
  platform: Platform,
  shopId: string,
): Promise<{ byApi: Record<string, number>; maxPerSecondByApi: Record<string, number>; rejected: number }> {
  const stats = await sim.admin<{
    rejected: number;
    maxPerSecondByApi: Record<string, number>;
    seconds: { byApi: Record<string, number> }[];
  }>("GET", `/shops/${platform}/${shopId}/requests`);
  const byApi: Record<string, number> = {};
  for (const second of stats.seconds)
    for (const [api, count] of Object.entries(second.byApi)) byApi[api] = (byApi[api] ?? 0) + count;
  return { byApi, maxPerSecondByApi: stats.maxPerSecondByApi, rejected: stats.rejected };
}

/** Sets master prices (minor units) and marks the listings, in one transaction, like the API does. */
export async function setMasterPrices(
  orm: Orm,
  organizationId: string,
  changes: readonly { variantId: string; price: number }[],
  options: { priority?: "high" | "normal"; syncRunId?: string } = {},
): Promise<number> {
  return orm.em.fork().transactional(async (tx) => {
    await sqlRows(
      tx,
      `update variant v set price = r.price, version = v.version + 1, updated_at = now()
         from jsonb_to_recordset($1::jsonb) as r(id uuid, price bigint) where v.id = r.id`,
      [JSON.stringify(changes.map((c) => ({ id: c.variantId, price: c.price })))],
    );
    return markListingsForSync(tx, {
      organizationId,
      variantIds: changes.map((c) => c.variantId),
      ...(options.priority ? { priority: options.priority } : {}),
      ...(options.syncRunId ? { syncRunId: options.syncRunId } : {}),
    });
  });
}

/** Sets master on-hand stock and marks the listings, in one transaction. */
export async function setMasterStock(
  orm: Orm,
  organizationId: string,
  changes: readonly { variantId: string; onHand: number }[],
): Promise<number> {
  return orm.em.fork().transactional(async (tx) => {
    await sqlRows(
      tx,
      `update stock_level s set on_hand = r.on_hand, updated_at = now()
         from jsonb_to_recordset($1::jsonb) as r(id uuid, on_hand int) where s.variant_id = r.id`,
      [JSON.stringify(changes.map((c) => ({ id: c.variantId, on_hand: c.onHand })))],
    );
    return markListingsForSync(tx, { organizationId, variantIds: changes.map((c) => c.variantId) });
  });
}

export interface ListingRow {
  id: string;
  sync_state: string;
  desired_version: number;
  synced_version: number;
  last_synced: { price?: number; stock?: number; title?: string } | null;
  last_error: string | null;
  last_error_code: string | null;
  sync_attempts: number;
}

export async function listingRows(orm: Orm, ids: readonly string[]): Promise<ListingRow[]> {
  return sqlRows<ListingRow>(
    orm.em.fork(),
    `select id::text, sync_state, desired_version, synced_version, last_synced, last_error, last_error_code, sync_attempts
       from listing where id = any($1::uuid[]) order by id`,
    [ids],
  );
}

/**
 * Polls `probe` until it gives a value. On timeout, `explain` (when given) adds the state worth
 * seeing to the error: a rare timeout in CI is then diagnosable from its log alone.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
  intervalMs = 100,
  explain?: () => Promise<unknown>,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - started > timeoutMs) {
      const state = explain
        ? `; state: ${JSON.stringify(await explain().catch((error: unknown) => String(error)))}`
        : "";
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${state}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export interface TestWorker {
  runner: Runner;
  pool: pg.Pool;
  stop(): Promise<void>;
}

/** A real graphile-worker runner in this process with the production task list. */
export async function startTestWorker(
  orm: Orm,
  url: string,
  channels: ChannelDeps,
  options: { concurrency?: number; settings?: Partial<SyncSettings>; logger?: Logger } = {},
): Promise<TestWorker> {
  const concurrency = options.concurrency ?? 4;
  const pool = new pg.Pool({ connectionString: url, max: concurrency + 4 });
  pool.on("error", () => undefined);
  pool.on("connect", (client) => client.on("error", () => undefined));
  const logger = options.logger ?? pino({ level: "silent" });
  const deps: JobDeps = {
    orm,
    realtime: createRealtimeEmitter(pool),
    mailer: createMailer({ from: "SyncStore <no-reply@example.test>", logger }),
    logger,
    webUrl: "http://localhost:3000",
    channels,
    sync: { ...defaultSyncSettings, ...options.settings },
  };
  const runner = await run({
    pgPool: pool,
    taskList: createTaskList(deps),
    crontab: "",
    noHandleSignals: true,
    logger: new GraphileLogger(() => () => undefined),
    preset: {
      worker: { concurrentJobs: concurrency, maxPoolSize: concurrency + 2, pollInterval: 500, useNodeTime: true },
    },
  });
  return {
    runner,
    pool,
    stop: async () => {
      await runner.stop();
      await pool.end();
    },
  };
}

/** Sync jobs still queued or running (of some listings, or all). */
export async function queuedJobs(orm: Orm, listingIds?: readonly string[]): Promise<number> {
  const rows = await sqlRows<{ n: number }>(
    orm.em.fork(),
    `select count(*)::int as n from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
      where t.identifier = 'sync-listing' and j.attempts < j.max_attempts
        and ($1::uuid[] is null or (j.payload->>'listingId')::uuid = any($1::uuid[]))`,
    [listingIds ?? null],
  );
  return rows[0]?.n ?? 0;
}

/** The sync state of listings and every queued job, for `waitFor`'s `explain`. */
export async function syncState(orm: Orm, listingIds: readonly string[]) {
  const em = orm.em.fork();
  return {
    now: (await sqlRows<{ now: string }>(em, `select clock_timestamp()::text as now`))[0]?.now,
    listings: await sqlRows(
      em,
      `select l.id, l.product_id, l.sync_state, l.sync_claim, l.sync_claimed_until, l.sync_retry_at, l.sync_attempts,
              l.last_error, l.updated_at, c.sync_paused, c.status as connection_status
         from listing l join channel_connection c on c.id = l.connection_id
        where l.id = any($1::uuid[])`,
      [listingIds],
    ),
    jobs: await sqlRows(
      em,
      `select j.id, t.identifier as task, j.payload, j.key, j.run_at, j.attempts, j.max_attempts, j.last_error, j.locked_at
         from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id`,
    ),
  };
}
