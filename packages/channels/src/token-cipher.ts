import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Marketplace tokens at rest: AES-256-GCM with a fresh 96-bit IV per value and the key id stored
 * beside the ciphertext, so keys can rotate: new values use the active key, old values decrypt
 * with the key they name, and `reencrypt` moves a value to the active key.
 *
 * Format (one text column): `v1.<keyId>.<iv>.<tag>.<ciphertext>`, base64url parts. The key id is
 * also bound into the GCM additional data, so a value cannot be relabelled with another key id.
 */
export interface Keyring {
  activeKeyId: string;
  keys: Record<string, Buffer>;
}

export class TokenCipherError extends Error {
  override readonly name = "TokenCipherError";
}

const VERSION = "v1";

/** Builds a keyring from the environment's values: the active key plus retired ones ("id:base64,id:base64"). */
export function keyringFrom(active: { id: string; base64: string }, previous = ""): Keyring {
  const keys: Record<string, Buffer> = {};
  for (const entry of previous
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [id, base64] = entry.split(":");
    if (!id || !base64)
      throw new TokenCipherError(`Malformed previous key "${entry.slice(0, 8)}…": expected id:base64`);
    keys[id] = decodeKey(id, base64);
  }
  keys[active.id] = decodeKey(active.id, active.base64);
  return { activeKeyId: active.id, keys };
}

function decodeKey(id: string, base64: string): Buffer {
  const key = Buffer.from(base64, "base64");
  if (key.length !== 32) throw new TokenCipherError(`Key "${id}" must be 32 bytes (base64), got ${key.length}`);
  return key;
}

export function encryptToken(keyring: Keyring, plaintext: string): string {
  const key = keyring.keys[keyring.activeKeyId];
  if (!key) throw new TokenCipherError(`The active key "${keyring.activeKeyId}" is not in the keyring`);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(`${VERSION}.${keyring.activeKeyId}`));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, keyring.activeKeyId, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

export function keyIdOf(value: string): string {
  const [version, keyId] = value.split(".");
  if (version !== VERSION || !keyId) throw new TokenCipherError("Not an encrypted token value");
  return keyId;
}

export function decryptToken(keyring: Keyring, value: string): string {
  const parts = value.split(".");
  const [version, keyId, iv, tag, ciphertext] = parts;
  if (parts.length !== 5 || version !== VERSION || !keyId || !iv || !tag || ciphertext === undefined) {
    throw new TokenCipherError("Not an encrypted token value");
  }
  const key = keyring.keys[keyId];
  if (!key) throw new TokenCipherError(`No key "${keyId}" in the keyring: add it to TOKEN_ENCRYPTION_PREVIOUS_KEYS`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(`${VERSION}.${keyId}`));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    // Never echo the value or the key: only that authentication failed.
    throw new TokenCipherError(`Token failed authentication under key "${keyId}" (tampered, or the wrong key)`);
  }
}

/** The same token under the active key; values already under it come back unchanged. */
export function reencryptToken(keyring: Keyring, value: string): string {
  if (keyIdOf(value) === keyring.activeKeyId) return value;
  return encryptToken(keyring, decryptToken(keyring, value));
}
