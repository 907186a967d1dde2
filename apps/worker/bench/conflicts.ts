/**
 * Conflict detection cost on a reconciliation pass: one Shopee shop in the simulator with
 * BENCH_LISTINGS listings (default 10,000 single-variant products), BENCH_EDITS of them (default
 * 100) edited by the seller in the seller centre (title), then one reconciliation pass, which
 * records every product's state and runs one three-way detection over the pass's listings.
 * Reports the whole pass, and the detection alone (time and SQL statements) measured again over
 * the same listings in a transaction that is rolled back.
 *
 * Ceilings measured in the same run: the pass against reading every page of the shop's products
 * from the simulator with no database work (the platform-read floor any pass pays), and the
 * detection against one query reading the same listings with their master rows (the floor of any
 * detection that looks at them).
 *
 *   pnpm --filter @syncstore/worker bench:conflicts
 *
 * Uses BENCH_DATABASE_URL or DATABASE_URL (a fresh database is created and dropped) or a
 * throwaway embedded PostgreSQL. Figures from a shared, loaded machine are upper bounds.
 */
import { closeChannelAgent, decryptToken, type ShopSession } from "@syncstore/channels";
import { startSimulator, testChannelEnv } from "@syncstore/channels/testing";
import { createOrm, migrateDatabase, sqlRows } from "@syncstore/db";
import {
  createMailer,
  detectConflicts,
  reconcileConnection,
  retryChannelCall,
  type JobDeps,
} from "@syncstore/services";
import { channelDepsFor, seedSyncFixture } from "@syncstore/services/testing";
import { createRealtimeEmitter } from "@syncstore/realtime";
import pg from "pg";
import { createLogger } from "../src/logger";
import { benchDatabase } from "@syncstore/postgres/bench-database";
import { print } from "@syncstore/postgres/report";

const LISTINGS = Number(process.env.BENCH_LISTINGS ?? 10_000);
const EDITS = Number(process.env.BENCH_EDITS ?? 100);
const logger = createLogger("warn");

class Rollback extends Error {}

async function main(): Promise<void> {
  const database = await benchDatabase("conflicts");
  const sim = await startSimulator("41");
  await migrateDatabase(database.url);
  const orm = await createOrm(database.url, { pool: { min: 0, max: 4 } });
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  try {
    const channels = channelDepsFor(sim, testChannelEnv);
    const deps: JobDeps = {
      orm,
      realtime: createRealtimeEmitter(pool),
      mailer: createMailer({ from: "bench <bench@example.test>", logger }),
      logger,
      webUrl: "http://localhost:3000",
      channels,
    };
    const organizationId = "org-bench-conflicts";
    print(`Seeding ${LISTINGS} listings on a simulated Shopee shop (${database.where})...`);
    const fixture = await seedSyncFixture(orm, sim, channels, {
      organizationId,
      platform: "shopee",
      products: LISTINGS,
      variants: 1,
    });
    for (const product of fixture.products.slice(0, EDITS))
      await sim.admin("PATCH", `/shops/shopee/${fixture.shopId}/products/${product.externalProductId}`, {
        title: `Seller edit of ${product.externalProductId}`,
      });

    // Ceiling 1: every page of the shop's products read over HTTP, nothing written.
    const [connection] = await sqlRows<{ external_shop_id: string; access_token_enc: string; region: string | null }>(
      orm.em.fork(),
      `select external_shop_id, access_token_enc, region from channel_connection where id = $1`,
      [fixture.connectionId],
    );
    if (!connection) throw new Error("no connection");
    const session: ShopSession = {
      shopId: connection.external_shop_id,
      accessToken: decryptToken(channels.keyring, connection.access_token_enc),
      ...(connection.region ? { region: connection.region } : {}),
    };
    const adapter = channels.adapters.get("shopee");
    const r0 = performance.now();
    let readProducts = 0;
    for (let pageToken: string | null = null; ;) {
      const page = await retryChannelCall(() => adapter.listProducts(session, { pageToken, includeDeleted: true }));
      readProducts += page.products.length;
      pageToken = page.nextPageToken;
      if (!pageToken) break;
    }
    const readMs = performance.now() - r0;

    const started = performance.now();
    const result = await reconcileConnection(deps, fixture.connectionId, logger, new Date(Date.now() + 1_000));
    const passMs = performance.now() - started;
    const [open] = await sqlRows<{ n: number }>(
      orm.em.fork(),
      `select count(*)::int as n from conflict where organization_id = $1 and status = 'open'`,
      [organizationId],
    );

    // The detection alone, again over the same listings (conflicts refreshed, nothing kept).
    let statements = 0;
    let detectMs = 0;
    await orm.em
      .fork()
      .transactional(async (tx) => {
        const kysely = tx.getKysely();
        const execute = kysely.executeQuery.bind(kysely);
        kysely.executeQuery = ((query: Parameters<typeof execute>[0]) => {
          statements += 1;
          return execute(query);
        }) as typeof kysely.executeQuery;
        const t0 = performance.now();
        await detectConflicts(tx, { listingIds: fixture.listingIds, source: "reconciliation", observedAt: new Date() });
        detectMs = performance.now() - t0;
        kysely.executeQuery = execute;
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });

    // Ceiling 2: one query reading the same listings with their variant and product rows.
    const q0 = performance.now();
    await sqlRows(
      orm.em.fork(),
      `select l.id, l.last_synced, l.channel_state, l.drift, v.price, p.title, p.description
         from listing l join variant v on v.id = l.variant_id join product p on p.id = v.product_id
        where l.id = any($1::uuid[])`,
      [fixture.listingIds],
    );
    const readRowsMs = performance.now() - q0;

    print(
      "",
      `Conflict detection on a reconciliation pass (${LISTINGS} listings, ${EDITS} seller edits)`,
      "Measured on a shared, loaded machine: treat as upper bounds; the ratios are what compares.",
      `  whole pass (platform reads over HTTP, state writes, detection): ${(passMs / 1000).toFixed(1)} s, ${result.listingsChecked} listings checked, ${result.status}`,
      `    ceiling: reading the ${readProducts} products' pages over HTTP, no writes: ${(readMs / 1000).toFixed(1)} s`,
      `    ratio pass / ceiling: ${(passMs / readMs).toFixed(2)}x`,
      `  conflicts opened: ${open?.n ?? 0}`,
      `  detection alone over ${fixture.listingIds.length} listings: ${detectMs.toFixed(0)} ms, ${statements} SQL statements`,
      `    ceiling: one query reading those listings with master rows: ${readRowsMs.toFixed(0)} ms`,
      `    ratio detection / ceiling: ${(detectMs / Math.max(readRowsMs, 0.001)).toFixed(2)}x`,
    );
  } finally {
    await orm.close(true);
    await pool.end();
    await closeChannelAgent();
    sim.stop();
    await database.drop();
  }
}

await main();
