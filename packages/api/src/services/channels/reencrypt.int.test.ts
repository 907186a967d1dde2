import { randomBytes } from "node:crypto";
import { decryptToken, encryptToken, keyIdOf, keyringFrom } from "@syncstore/channels";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing/harness";
import { reencryptAllTokens } from "./reencrypt";

let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness();
}, 60_000);
afterAll(() => h?.close());

const oldKey = { id: "old", base64: randomBytes(32).toString("base64") };
const newKey = { id: "new", base64: randomBytes(32).toString("base64") };

describe("re-encrypting tokens under a new key", () => {
  it("moves every organization's tokens to the active key, and a second run changes nothing", async () => {
    const a = await h.signUp("Rotor A");
    const b = await h.signUp("Rotor B");
    const old = keyringFrom(oldKey);
    for (const [organizationId, shop] of [
      [a.organizationId, "shop-a"],
      [b.organizationId, "shop-b"],
    ] as const) {
      await h.query(
        `insert into channel_connection (id, organization_id, platform, external_shop_id, name, access_token_enc, refresh_token_enc, status)
         values (gen_random_uuid(), $1, 'shopee', $2, $2, $3, $4, 'active')`,
        [organizationId, shop, encryptToken(old, `access-${shop}`), encryptToken(old, `refresh-${shop}`)],
      );
    }
    const rotated = keyringFrom(newKey, `${oldKey.id}:${oldKey.base64}`);
    const first = await reencryptAllTokens(h.orm.em.fork(), rotated, 1);
    expect(first).toEqual({ connections: 2, reencrypted: 2, alreadyCurrent: 0, keysSeen: ["old"] });

    const rows = await h.query<{ name: string; access: string; refresh: string }>(
      `select name, access_token_enc as access, refresh_token_enc as refresh from channel_connection order by name`,
    );
    const onlyNew = keyringFrom(newKey);
    for (const row of rows) {
      expect(keyIdOf(row.access)).toBe("new");
      expect(decryptToken(onlyNew, row.access)).toBe(`access-${row.name}`);
      expect(decryptToken(onlyNew, row.refresh)).toBe(`refresh-${row.name}`);
    }
    expect(await reencryptAllTokens(h.orm.em.fork(), rotated)).toEqual({
      connections: 2,
      reencrypted: 0,
      alreadyCurrent: 2,
      keysSeen: ["new"],
    });
  });
});
