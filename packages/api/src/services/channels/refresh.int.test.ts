import { closeChannelAgent } from "@syncstore/channels";
import {
  connectionsDueForRefresh,
  createMailer,
  createTaskList,
  enqueue,
  refreshConnection,
} from "@syncstore/services";
import { Logger, runOnce } from "graphile-worker";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing/harness";
import { startSimulator, type RunningSimulator } from "@syncstore/channels/testing";
import { completeConnect } from "./connections";

let sim: RunningSimulator;
let h: ApiHarness;
const log = pino({ level: "silent" });

beforeAll(async () => {
  sim = await startSimulator("23");
  h = await createApiHarness(sim.env);
}, 60_000);
afterAll(async () => {
  await closeChannelAgent();
  sim?.stop();
  await h?.close();
});

async function connectShopee(name: string) {
  const owner = await h.signUp(name);
  const { shop } = await sim.admin<{ shop: { shopId: string } }>("POST", "/shops", {
    platform: "shopee",
    name,
    region: "SG",
    products: 1,
  });
  const { url } = await owner.caller.channels.startConnect({ platform: "shopee" });
  const back = await sim.authorize(url, shop.shopId);
  await completeConnect(h.deps, {
    platform: "shopee",
    state: back.searchParams.get("state") ?? "",
    code: back.searchParams.get("code") ?? "",
    shopId: back.searchParams.get("shop_id"),
    sessionUser: { id: owner.me.user.id, name: owner.me.user.name },
    request: { ip: null, userAgent: "vitest", requestId: null },
  });
  const [connection] = await owner.caller.channels.list();
  if (!connection) throw new Error("not connected");
  return { owner, shopId: shop.shopId, connectionId: connection.id };
}

/** Makes our row due for refresh (the platform's token is still valid). */
async function makeDue(connectionId: string) {
  await h.query(`update channel_connection set access_expires_at = now() + interval '1 minute' where id = $1`, [
    connectionId,
  ]);
}

describe("token refresh", () => {
  it("lists only connections about to expire", async () => {
    const { connectionId } = await connectShopee("Due Soon");
    expect(await connectionsDueForRefresh(h.orm.em)).not.toContain(connectionId);
    await makeDue(connectionId);
    expect(await connectionsDueForRefresh(h.orm.em)).toContain(connectionId);
  });

  it("two workers refreshing one Shopee shop at once spend its single-use refresh token once", async () => {
    const { owner, connectionId } = await connectShopee("Race");
    await makeDue(connectionId);
    const outcomes = await Promise.all([
      refreshConnection(h.orm.em, h.deps.channels, connectionId, log),
      refreshConnection(h.orm.em, h.deps.channels, connectionId, log),
    ]);
    expect(outcomes.sort()).toEqual(["fresh", "refreshed"]);
    // The shop is not locked out: the new tokens work and a later refresh works too.
    const [health] = [await owner.caller.channels.checkHealth({ connectionId })];
    expect(health.status).toBe("active");
    await makeDue(connectionId);
    expect(await refreshConnection(h.orm.em, h.deps.channels, connectionId, log)).toBe("refreshed");
    const audit = await h.query<{ n: number }>(
      `select count(*)::int as n from audit_log where entity_id = $1 and action = 'channel.token_refresh'`,
      [connectionId],
    );
    expect(audit[0]?.n).toBe(2);
  });

  it("marks a connection whose authorization was revoked as needing re-authorization", async () => {
    const { owner, shopId, connectionId } = await connectShopee("Revoked");
    await sim.admin("POST", `/shops/shopee/${shopId}/deauthorize`);
    await makeDue(connectionId);
    expect(await refreshConnection(h.orm.em, h.deps.channels, connectionId, log)).toBe("needs_reauth");
    const [connection] = await owner.caller.channels.list();
    expect(connection?.status).toBe("needs_reauth");
    expect(connection?.lastError).toMatch(/refresh refused/);
    // And it is no longer picked up.
    expect(await connectionsDueForRefresh(h.orm.em)).not.toContain(connectionId);
  });
});

describe("the token refresh cron", () => {
  it("queues a refresh per due connection and the worker refreshes it", async () => {
    const { connectionId } = await connectShopee("Cron");
    await makeDue(connectionId);
    await h.orm.em.fork().transactional((tx) => enqueue(tx, "refresh-channel-tokens", {}));
    const taskList = createTaskList({
      orm: h.orm,
      realtime: h.deps.realtime,
      mailer: createMailer({ from: "x@example.test", logger: log }),
      logger: log,
      webUrl: "http://localhost:3000",
      channels: h.deps.channels,
    });
    await runOnce({ pgPool: h.pool, taskList, logger: new Logger(() => () => {}) });
    const [row] = await h.query<{ fresh: boolean; status: string }>(
      `select access_expires_at > now() + interval '1 hour' as fresh, status from channel_connection where id = $1`,
      [connectionId],
    );
    expect(row).toEqual({ fresh: true, status: "active" });
    const left = await h.query<{ n: number }>(`select count(*)::int as n from graphile_worker.jobs`);
    expect(left[0]?.n).toBe(0);
  });
});
