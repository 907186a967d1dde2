import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptToken, encryptToken, keyIdOf, keyringFrom, reencryptToken, TokenCipherError } from "./token-cipher";

const k1 = randomBytes(32).toString("base64");
const k2 = randomBytes(32).toString("base64");

describe("token cipher", () => {
  it("round-trips, with a fresh IV each time and no plaintext in the value", () => {
    const keyring = keyringFrom({ id: "k1", base64: k1 });
    const a = encryptToken(keyring, "access-token-secret-123");
    const b = encryptToken(keyring, "access-token-secret-123");
    expect(a).not.toBe(b);
    expect(a).not.toContain("secret");
    expect(keyIdOf(a)).toBe("k1");
    expect(decryptToken(keyring, a)).toBe("access-token-secret-123");
  });

  it("rotates: old values decrypt with their key and re-encrypt under the active one", () => {
    const old = encryptToken(keyringFrom({ id: "k1", base64: k1 }), "refresh-token");
    const rotated = keyringFrom({ id: "k2", base64: k2 }, `k1:${k1}`);
    expect(decryptToken(rotated, old)).toBe("refresh-token");
    const moved = reencryptToken(rotated, old);
    expect(keyIdOf(moved)).toBe("k2");
    expect(decryptToken(keyringFrom({ id: "k2", base64: k2 }), moved)).toBe("refresh-token");
    expect(reencryptToken(rotated, moved)).toBe(moved);
  });

  it("refuses tampered values, relabelled key ids and unknown keys without leaking anything", () => {
    const keyring = keyringFrom({ id: "k2", base64: k2 }, `k1:${k1}`);
    const value = encryptToken(keyring, "t");
    const parts = value.split(".");
    // Flip one bit of the ciphertext (replacing it with a fixed byte would match it 1 time in 256).
    const ciphertext = Buffer.from(parts[4] ?? "", "base64url");
    ciphertext[0] = (ciphertext[0] ?? 0) ^ 0x01;
    const tampered = [...parts.slice(0, 4), ciphertext.toString("base64url")].join(".");
    expect(() => decryptToken(keyring, tampered)).toThrow(TokenCipherError);
    expect(() => decryptToken(keyring, ["v1", "k1", ...parts.slice(2)].join("."))).toThrow(
      /failed authentication under key "k1"/,
    );
    expect(() => decryptToken(keyringFrom({ id: "k1", base64: k1 }), value)).toThrow(/No key "k2"/);
    expect(() => decryptToken(keyring, "plaintext-token")).toThrow("Not an encrypted token value");
  });

  it("validates keys", () => {
    expect(() => keyringFrom({ id: "k1", base64: Buffer.alloc(16).toString("base64") })).toThrow(/32 bytes/);
    expect(() => keyringFrom({ id: "k1", base64: k1 }, "nocolon")).toThrow(/expected id:base64/);
  });
});
