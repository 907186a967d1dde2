import { DomainError } from "@syncstore/domain";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/**
 * The OAuth `state` of a channel connection: a signed, expiring token (no table) naming who
 * started the connection, for which organization and platform. Format:
 * `base64url(JSON payload).base64url(HMAC-SHA256(secret, "channel-state." + payload part))`.
 */
export const connectStatePayload = z.strictObject({
  organizationId: z.string().min(1),
  userId: z.string().min(1),
  platform: z.enum(["shopee", "tiktok"]),
  /** Unix seconds. */
  exp: z.number().int(),
});
export type ConnectState = z.infer<typeof connectStatePayload>;

/** Long enough for a seller to log in and pick a shop; short enough that a leaked link dies. */
export const CONNECT_STATE_TTL_SECONDS = 15 * 60;

function mac(secret: string, payloadPart: string): Buffer {
  return createHmac("sha256", secret).update(`channel-state.${payloadPart}`).digest();
}

export function signConnectState(secret: string, state: Omit<ConnectState, "exp">, now = new Date()): string {
  const payload: ConnectState = { ...state, exp: Math.floor(now.getTime() / 1000) + CONNECT_STATE_TTL_SECONDS };
  const payloadPart = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${payloadPart}.${mac(secret, payloadPart).toString("base64url")}`;
}

/** The payload of a state this server signed and that has not expired; INVALID/EXPIRED otherwise. */
export function verifyConnectState(secret: string, token: string, now = new Date()): ConnectState {
  const [payloadPart, signaturePart, ...rest] = token.split(".");
  if (!payloadPart || !signaturePart || rest.length > 0)
    throw new DomainError("INVALID", "The connection link is malformed; start again");
  const expected = mac(secret, payloadPart);
  const given = Buffer.from(signaturePart, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new DomainError("INVALID", "The connection link was tampered with; start again");
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payloadPart, "base64url").toString("utf8"));
  } catch {
    throw new DomainError("INVALID", "The connection link is malformed; start again");
  }
  const parsed = connectStatePayload.safeParse(decoded);
  if (!parsed.success) throw new DomainError("INVALID", "The connection link is malformed; start again");
  if (parsed.data.exp * 1000 < now.getTime())
    throw new DomainError("EXPIRED", "The connection link expired; start again");
  return parsed.data;
}
