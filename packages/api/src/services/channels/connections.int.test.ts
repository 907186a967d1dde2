import { DomainError } from "@syncstore/domain";
import { closeChannelAgent, decryptToken } from "@syncstore/channels";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing/harness";
import { startSimulator, type RunningSimulator } from "@syncstore/channels/testing";
import { completeConnect } from "./connections";
import { signConnectState } from "./state";

let sim: RunningSimulator;
let h: ApiHarness;
type Signed = Awaited<ReturnType<ApiHarness["signUp"]>>;
let owner: Signed;
let stranger: Signed;
let shopeeShopId = "";
let tiktokShopId = "";

const admin = <T>(method: string, path: string, body?: unknown) => sim.admin<T>(method, path, body);
const authorize = (pageUrl: string, shopId: string) => sim.authorize(pageUrl, shopId);

const request = { ip: "203.0.113.9", userAgent: "vitest", requestId: null };

async function connect(who: Signed, platform: "shopee" | "tiktok", shopId: string) {
  const { url } = await who.caller.channels.startConnect({ platform });
  const back = await authorize(url, shopId);
  return completeConnect(h.deps, {
    platform,
    state: back.searchParams.get("state") ?? "",
    code: back.searchParams.get("code") ?? "",
    shopId: back.searchParams.get("shop_id"),
    sessionUser: { id: who.me.user.id, name: who.me.user.name },
    request,
  });
}

async function domainCode(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    if (error instanceof Error && "code" in error) return String(error.code);
    throw error;
  }
}

beforeAll(async () => {
  sim = await startSimulator();
  h = await createApiHarness(sim.env);
  owner = await h.signUp("Channel Owner");
  stranger = await h.signUp("Other Org Owner");
  shopeeShopId = (
    await admin<{ shop: { shopId: string } }>("POST", "/shops", {
      platform: "shopee",
      name: "Conn SG",
      region: "SG",
      products: 1,
    })
  ).shop.shopId;
  tiktokShopId = (
    await admin<{ shop: { shopId: string } }>("POST", "/shops", {
      platform: "tiktok",
      name: "Conn MY",
      region: "MY",
      products: 1,
    })
  ).shop.shopId;
}, 60_000);

afterAll(async () => {
  await closeChannelAgent();
  sim?.stop();
  await h?.close();
});

describe("channel connections against the simulator", () => {
  let shopeeConnectionId = "";

  it("connects a Shopee shop and stores only encrypted tokens", async () => {
    const result = await connect(owner, "shopee", shopeeShopId);
    expect(result.connections).toEqual([{ id: expect.any(String) as string, name: "Conn SG" }]);
    shopeeConnectionId = result.connections[0]?.id ?? "";
    const [row] = await h.query<Record<string, unknown>>("select * from channel_connection where id = $1", [
      shopeeConnectionId,
    ]);
    expect(row).toMatchObject({
      platform: "shopee",
      external_shop_id: shopeeShopId,
      status: "active",
      region: "SG",
      connected_by: owner.me.user.id,
    });
    const accessEnc = String(row?.access_token_enc);
    const refreshEnc = String(row?.refresh_token_enc);
    expect(accessEnc).toMatch(/^v1\.test1\./);
    expect(refreshEnc).toMatch(/^v1\.test1\./);
    const access = decryptToken(h.deps.channels.keyring, accessEnc);
    const refresh = decryptToken(h.deps.channels.keyring, refreshEnc);
    expect(access.length).toBeGreaterThan(8);
    const raw = JSON.stringify(row);
    expect(raw).not.toContain(access);
    expect(raw).not.toContain(refresh);
    // Nor in the audit trail.
    const audit = await h.query<{ action: string; diff: unknown }>(
      "select action, diff from audit_log where entity_id = $1",
      [shopeeConnectionId],
    );
    expect(audit.map((entry) => entry.action)).toEqual(["channel.connect"]);
    expect(JSON.stringify(audit)).not.toContain(access);
  });

  it("connects a TikTok shop with its cipher", async () => {
    const result = await connect(owner, "tiktok", tiktokShopId);
    expect(result.connections.map((c) => c.name)).toContain("Conn MY");
    const [row] = await h.query<{ shop_cipher: string | null; status: string }>(
      "select shop_cipher, status from channel_connection where platform = 'tiktok' and external_shop_id = $1",
      [tiktokShopId],
    );
    expect(row?.status).toBe("active");
    expect(row?.shop_cipher).toBeTruthy();
  });

  it("lists connections without any token", async () => {
    const list = await owner.caller.channels.list();
    expect(list.map((c) => c.platform).sort()).toEqual(["shopee", "tiktok"]);
    const [row] = await h.query<{ access_token_enc: string }>(
      "select access_token_enc from channel_connection where id = $1",
      [shopeeConnectionId],
    );
    const plaintext = decryptToken(h.deps.channels.keyring, row?.access_token_enc ?? "");
    const json = JSON.stringify(list);
    expect(json).not.toMatch(/token_?enc|TokenEnc|v1\.test1\./i);
    expect(json).not.toContain(plaintext);
    expect(list.find((c) => c.platform === "shopee")).toMatchObject({
      name: "Conn SG",
      status: "active",
      connectedBy: { name: "Channel Owner" },
    });
  });

  it("checks health through the adapter with the decrypted token", async () => {
    const health = await owner.caller.channels.checkHealth({ connectionId: shopeeConnectionId });
    expect(health.status).toBe("active");
    expect(health.lastHealthAt).toBeInstanceOf(Date);
    expect(JSON.stringify(health)).not.toMatch(/v1\.test1\./);
  });

  it("marks a revoked shop as needing re-authorization", async () => {
    const [row] = await h.query<{ id: string }>("select id from channel_connection where platform = 'tiktok'");
    await h.query(
      "update channel_connection set shop_cipher = shop_cipher, external_shop_id = '999999' where id = $1",
      [row?.id],
    );
    const health = await owner.caller.channels.checkHealth({ connectionId: row?.id ?? "" });
    expect(health.status).toBe("needs_reauth");
    expect(health.lastError).toBeTruthy();
    await h.query("update channel_connection set external_shop_id = $2 where id = $1", [row?.id, tiktokShopId]);
  });

  it("refuses a callback for another signed-in user, a tampered or a foreign state", async () => {
    const { url } = await owner.caller.channels.startConnect({ platform: "shopee" });
    const back = await authorize(url, shopeeShopId);
    const state = back.searchParams.get("state") ?? "";
    const base = {
      platform: "shopee" as const,
      code: back.searchParams.get("code") ?? "",
      shopId: shopeeShopId,
      request,
    };
    const asStranger = { id: stranger.me.user.id, name: stranger.me.user.name };
    const asOwner = { id: owner.me.user.id, name: owner.me.user.name };
    expect(await domainCode(completeConnect(h.deps, { ...base, state, sessionUser: asStranger }))).toBe("FORBIDDEN");
    expect(await domainCode(completeConnect(h.deps, { ...base, state: `${state}x`, sessionUser: asOwner }))).toBe(
      "INVALID",
    );
    const forged = signConnectState("not-our-secret-not-our-secret-not-our", {
      organizationId: owner.organizationId,
      userId: owner.me.user.id,
      platform: "shopee",
    });
    expect(await domainCode(completeConnect(h.deps, { ...base, state: forged, sessionUser: asOwner }))).toBe("INVALID");
    expect(
      await domainCode(completeConnect(h.deps, { ...base, platform: "tiktok", state, sessionUser: asOwner })),
    ).toBe("INVALID");
  });

  it("keeps connections inside their organization", async () => {
    expect(await stranger.caller.channels.list()).toEqual([]);
    await expect(stranger.caller.channels.checkHealth({ connectionId: shopeeConnectionId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(stranger.caller.channels.disconnect({ connectionId: shopeeConnectionId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const [row] = await h.query<{ status: string }>("select status from channel_connection where id = $1", [
      shopeeConnectionId,
    ]);
    expect(row?.status).toBe("active");
  });

  it("disconnects: tokens deleted, status disconnected, audited", async () => {
    await owner.caller.channels.disconnect({ connectionId: shopeeConnectionId });
    const [row] = await h.query<Record<string, unknown>>("select * from channel_connection where id = $1", [
      shopeeConnectionId,
    ]);
    expect(row).toMatchObject({ status: "disconnected", access_token_enc: null, refresh_token_enc: null });
    const audit = await h.query<{ action: string }>(
      "select action from audit_log where entity_id = $1 order by created_at",
      [shopeeConnectionId],
    );
    expect(audit.map((entry) => entry.action)).toContain("channel.disconnect");
    await expect(owner.caller.channels.checkHealth({ connectionId: shopeeConnectionId })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("reconnects the same shop onto the same row", async () => {
    const result = await connect(owner, "shopee", shopeeShopId);
    expect(result.connections[0]?.id).toBe(shopeeConnectionId);
    const list = await owner.caller.channels.list();
    expect(list.find((c) => c.id === shopeeConnectionId)?.status).toBe("active");
  });
});

describe("one shop, one organization (finding 3)", () => {
  it("refuses a second organization's connection of a shop connected elsewhere, naming what to do", async () => {
    const shopId = (
      await admin<{ shop: { shopId: string } }>("POST", "/shops", {
        platform: "shopee",
        name: "Shared SG",
        region: "SG",
        products: 1,
      })
    ).shop.shopId;
    const first = await connect(owner, "shopee", shopId);
    const error = await connect(stranger, "shopee", shopId).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("CONFLICT");
    expect((error as DomainError).message).toMatch(/already connected to another SyncStore organization.*disconnect/i);
    const rows = await h.query<{ organization_id: string; status: string }>(
      "select organization_id, status from channel_connection where external_shop_id = $1",
      [shopId],
    );
    expect(rows).toEqual([{ organization_id: owner.organizationId, status: "active" }]);

    // Disconnected there, the shop may be connected here.
    await owner.caller.channels.disconnect({ connectionId: first.connections[0]?.id ?? "" });
    const moved = await connect(stranger, "shopee", shopId);
    expect(moved.connections).toHaveLength(1);
  });

  it("is enforced by the database too, not only by the check", async () => {
    const [row] = await h.query<{ platform: string; external_shop_id: string }>(
      "select platform, external_shop_id from channel_connection where status <> 'disconnected' limit 1",
    );
    const insert = h.query(
      `insert into channel_connection (id, organization_id, platform, external_shop_id, name, status)
       values (gen_random_uuid(), $1, $2, $3, 'copy', 'needs_reauth')`,
      [stranger.organizationId, row?.platform, row?.external_shop_id],
    );
    await expect(insert).rejects.toMatchObject({ code: "23505" });
  });
});
