import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing/harness";

let h: ApiHarness;
type Signed = Awaited<ReturnType<ApiHarness["signUp"]>>;
let owner: Signed;
let viewer: Signed;

async function failure(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

function fieldErrorsOf(error: TRPCError): Record<string, string[]> {
  const cause = error.cause as { flatten?: () => { fieldErrors: Record<string, string[]> } } | undefined;
  return cause?.flatten?.().fieldErrors ?? {};
}

beforeAll(async () => {
  h = await createApiHarness();
  owner = await h.signUp("Olivia Owner");
  viewer = await h.signUp("Victor Viewer");
  await h.addMember(owner.organizationId, viewer.me.user.id, "viewer");
  await h.query(`update session set active_organization_id = $1 where user_id = $2`, [
    owner.organizationId,
    viewer.me.user.id,
  ]);
  // A caller reads its session once: a new one sees the owner's organization as active.
  viewer = { ...viewer, caller: await h.callerFor(viewer.cookie) };
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe("Settings → Organization", () => {
  it("saves name, currency, time zone and margin threshold, audited with the organization's name", async () => {
    await owner.caller.settings.updateOrganization({
      name: "Kedai Kopi",
      currency: "usd",
      timeZone: "Asia/Kuala_Lumpur",
      marginThresholdPercent: 12.5,
    });
    const settings = await owner.caller.settings.organization();
    expect(settings).toMatchObject({
      name: "Kedai Kopi",
      currency: "USD",
      timeZone: "Asia/Kuala_Lumpur",
      marginThresholdPercent: 12.5,
    });
    const [audit] = await h.query<{ action: string; entity_label: string; diff: Record<string, unknown> }>(
      `select action, entity_label, diff from audit_log where organization_id = $1 and action = 'organization.update'`,
      [owner.organizationId],
    );
    expect(audit).toMatchObject({ entity_label: "Kedai Kopi" });
    expect(audit?.diff).toMatchObject({ timeZone: { before: "UTC", after: "Asia/Kuala_Lumpur" } });
  });

  it("refuses a time zone that does not exist at the field, and a viewer altogether", async () => {
    const bad = await failure(
      owner.caller.settings.updateOrganization({
        name: "Kedai Kopi",
        currency: "USD",
        timeZone: "Mars/Olympus",
        marginThresholdPercent: null,
      }),
    );
    expect(bad.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(bad).timeZone?.[0]).toContain("Choose a time zone");
    const refused = await failure(
      viewer.caller.settings.updateOrganization({
        name: "Mine now",
        currency: "USD",
        timeZone: "UTC",
        marginThresholdPercent: null,
      }),
    );
    expect(refused.code).toBe("FORBIDDEN");
    expect((await viewer.caller.settings.organization()).name).toBe("Kedai Kopi");
  });

  it("saving a rate releases the price pushes held for it, and is audited", async () => {
    const connectionId = crypto.randomUUID();
    const productId = crypto.randomUUID();
    const variantId = crypto.randomUUID();
    const listingId = crypto.randomUUID();
    await h.query(
      `insert into channel_connection (id, organization_id, platform, external_shop_id, name, region, currency)
       values ($1, $2, 'shopee', 'my-1', 'Kedai MY', 'MY', 'MYR')`,
      [connectionId, owner.organizationId],
    );
    await h.query(`insert into product (id, organization_id, title) values ($1, $2, 'Mug')`, [
      productId,
      owner.organizationId,
    ]);
    await h.query(
      `insert into variant (id, organization_id, product_id, sku, price, position) values ($1, $2, $3, 'MUG-1', 2349, 0)`,
      [variantId, owner.organizationId, productId],
    );
    await h.query(
      `insert into listing (id, organization_id, connection_id, variant_id, product_id, external_product_id,
          external_variant_id, sync_state, last_error_code, last_error)
       values ($1, $2, $3, $4, $5, 'ext-1', 'ext-1', 'failed', 'NO_EXCHANGE_RATE', 'Price held')`,
      [listingId, owner.organizationId, connectionId, variantId, productId],
    );
    const before = await owner.caller.settings.organization();
    expect(before.shopCurrencies).toEqual([{ currency: "MYR", shops: ["Kedai MY"], held: 1 }]);
    const [listed] = (await owner.caller.channels.listings.forProduct({ productId })).listings;
    expect(listed).toMatchObject({ channelPrice: null, channelCurrency: "MYR" });
    expect(listed?.priceHold).toContain("set a MYR rate in Settings");

    await expect(
      viewer.caller.settings.saveExchangeRate({ currency: "MYR", rate: "4.7125", rounding: { kind: "none" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await owner.caller.settings.saveExchangeRate({
      currency: "myr",
      rate: "4.7125",
      rounding: { kind: "ending", ending: "90" },
    });
    const [listing] = await h.query<{ sync_state: string }>(`select sync_state from listing where id = $1`, [
      listingId,
    ]);
    expect(listing?.sync_state).toBe("pending");
    const jobs = await h.query<{ key: string }>(`select key from graphile_worker._private_jobs where key = $1`, [
      `sync-listing:${listingId}`,
    ]);
    expect(jobs).toHaveLength(1);
    const [priced] = (await owner.caller.channels.listings.forProduct({ productId })).listings;
    expect(priced).toMatchObject({ channelPrice: 11090, channelCurrency: "MYR", priceHold: null });
    const after = await owner.caller.settings.organization();
    expect(after.rates).toMatchObject([
      { currency: "MYR", rate: "4.7125", rounding: { kind: "ending", ending: "90" }, roundingText: "Ends in .90" },
    ]);
    const [audit] = await h.query<{ entity_label: string }>(
      `select entity_label from audit_log where organization_id = $1 and action = 'exchange_rate.create'`,
      [owner.organizationId],
    );
    expect(audit?.entity_label).toBe("MYR");
  });

  it("deletes the organization only with its exact name typed, and only for the owner", async () => {
    const other = await h.signUp("Dana Deleter");
    const wrong = await failure(other.caller.settings.deleteOrganization({ confirmation: "something else" }));
    expect(fieldErrorsOf(wrong).confirmation?.[0] ?? wrong.message).toContain("exactly");
    const settings = await other.caller.settings.organization();
    await other.caller.settings.deleteOrganization({ confirmation: settings.name });
    expect(await h.query(`select 1 from organization where id = $1`, [other.organizationId])).toHaveLength(0);
    await expect(viewer.caller.settings.deleteOrganization({ confirmation: "Kedai Kopi" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("Settings → Profile", () => {
  it("changes the password with the sign-up rules and signs other sessions out", async () => {
    const weak = await failure(
      owner.caller.profile.changePassword({ currentPassword: "correct-horse-9", newPassword: "short" }),
    );
    expect(weak.code).toBe("BAD_REQUEST");
    const wrongCurrent = await failure(
      owner.caller.profile.changePassword({ currentPassword: "not-my-password-1", newPassword: "better-horse-10" }),
    );
    expect(wrongCurrent.code).toBe("BAD_REQUEST");
    await owner.caller.profile.changePassword({ currentPassword: "correct-horse-9", newPassword: "better-horse-10" });

    const second = await h.deps.auth.api.signInEmail({
      body: { email: owner.email, password: "better-horse-10" },
      asResponse: true,
    });
    expect(second.ok).toBe(true);
    const sessions = await owner.caller.profile.sessions();
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    expect(sessions[0]?.current).toBe(true);
    const result = await owner.caller.profile.signOutOthers();
    expect(result.signedOut).toBe(sessions.length - 1);
    expect(await owner.caller.profile.sessions()).toHaveLength(1);
    const actions = await h.query<{ action: string }>(
      `select action from audit_log where organization_id = $1 and entity = 'user' order by created_at`,
      [owner.organizationId],
    );
    expect(actions.map((row) => row.action)).toEqual(["user.password_change", "user.sign_out_others"]);
  });
});
