import { createHash } from "node:crypto";
import { type IncomingHttpHeaders } from "node:http";
import { type WebhookParseResult } from "@syncstore/channels/webhooks";
import { isStorableText, toStorableText } from "@syncstore/domain";
import { type WebhookPlatform } from "./metrics";

/** Stored statuses the gateway writes; the worker moves `received` on to processed or failed. */
export type IntakeStatus = "received" | "failed" | "ignored" | "unknown_shop";

/** One `webhook_event` row to write, before its shop is resolved to a connection. */
export interface EventRow {
  platform: WebhookPlatform;
  eventKey: string;
  eventType: string;
  externalShopId: string | null;
  /** `received` rows become `unknown_shop` when their shop is not connected. */
  status: IntakeStatus;
  error: string | null;
  headers: Record<string, string>;
  body: string;
  receivedAt: Date;
  /** The delivering request's trace (its server span), continued by the processing job. */
  traceparent?: string;
}

/** Request headers worth keeping with the event (the signature is not: it proves nothing later). */
const KEPT_HEADERS = ["content-type", "content-length", "user-agent", "x-request-id"] as const;

/** PostgreSQL text cannot hold NUL; a body carrying one is not valid JSON anyway. */
function clean(text: string): string {
  return text.includes("\u0000") ? text.replaceAll("\u0000", "\uFFFD") : text;
}

export function keptHeaders(headers: IncomingHttpHeaders, requestId: string): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers[name];
    if (typeof value === "string") kept[name] = clean(value).slice(0, 512);
  }
  kept["x-request-id"] = requestId;
  return kept;
}

/** Far longer than any platform's ids; a longer one would also overflow the unique index's row. */
const MAX_EVENT_KEY_LENGTH = 512;
const MAX_SHOP_ID_LENGTH = 128;

export function hashKey(rawBody: Buffer): string {
  return `sha256:${createHash("sha256").update(rawBody).digest("hex")}`;
}

/**
 * What a verified request is stored as. A parsed event is `received` (to be processed). A body that
 * is not JSON or not the platform's shape was still genuinely sent, so it is kept as `failed` with
 * the reason (its identity is the hash of the exact bytes, so a redelivery is still a duplicate).
 * An unknown event type is kept as `ignored`. A message naming several shops (Shopee's partner-level
 * "authorization expiring") becomes one row per shop, keyed `<event key>#<shop id>`, so each lands
 * in its own organization; the worker reads the row's shop and handles that shop's part only.
 */
export function eventRows(input: {
  platform: WebhookPlatform;
  rawBody: Buffer;
  parsed: WebhookParseResult;
  headers: Record<string, string>;
  receivedAt: Date;
}): EventRow[] {
  const rows = parsedRows(input);
  const unstorable = (value: string, maxLength: number) => value.length > maxLength || !isStorableText(value);
  const poisoned = rows.some(
    (row) =>
      unstorable(row.eventKey, MAX_EVENT_KEY_LENGTH) ||
      (row.externalShopId !== null && unstorable(row.externalShopId, MAX_SHOP_ID_LENGTH)),
  );
  if (!poisoned) return rows;
  // A genuinely signed message whose event or shop id PostgreSQL cannot hold (NUL, an unpaired
  // surrogate): asking for it again would only bring the same bytes back for days. It is kept as
  // failed, identified by the hash of its bytes, so a redelivery is a duplicate.
  const first = rows[0] as EventRow;
  return [
    {
      ...first,
      eventKey: hashKey(input.rawBody),
      eventType: toStorableText(first.eventType).slice(0, 200),
      externalShopId:
        first.externalShopId === null ? null : toStorableText(first.externalShopId).slice(0, MAX_SHOP_ID_LENGTH),
      status: "failed",
      error:
        "unstorable_identity: the event id or shop id contains a NUL character or an unpaired surrogate, " +
        "or is longer than any platform's",
    },
  ];
}

function parsedRows(input: {
  platform: WebhookPlatform;
  rawBody: Buffer;
  parsed: WebhookParseResult;
  headers: Record<string, string>;
  receivedAt: Date;
}): EventRow[] {
  const { platform, rawBody, parsed, headers, receivedAt } = input;
  const body = clean(rawBody.toString("utf8"));
  const base = { platform, headers, body, receivedAt };
  const typeLabel = parsed.type === null ? "unparsable" : toStorableText(`${platform}.${parsed.type}`);
  if (!parsed.ok) {
    const status: IntakeStatus = parsed.reason === "unknown_type" ? "ignored" : "failed";
    return [
      {
        ...base,
        eventKey: parsed.eventKey ?? hashKey(rawBody),
        eventType: typeLabel,
        externalShopId: parsed.shopId,
        status,
        error: clean(`${parsed.reason}: ${parsed.message}`).slice(0, 2000),
      },
    ];
  }
  const eventType = parsed.events[0]?.kind ?? typeLabel;
  const shops = [...new Set(parsed.events.map((event) => event.shopId ?? parsed.shopId))];
  if (shops.length <= 1) {
    const shopId = shops[0] ?? parsed.shopId;
    return [
      {
        ...base,
        eventKey: parsed.eventKey,
        eventType,
        externalShopId: shopId,
        status: shopId === null ? "ignored" : "received",
        error: shopId === null ? "the message names no shop" : null,
      },
    ];
  }
  return shops.map((shopId) => ({
    ...base,
    eventKey: `${parsed.eventKey}#${shopId ?? ""}`,
    eventType,
    externalShopId: shopId,
    status: shopId === null ? ("ignored" as const) : ("received" as const),
    error: shopId === null ? "the message names no shop" : null,
  }));
}
