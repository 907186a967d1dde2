import { describe, expect, it } from "vitest";
import { alertSubjectHref, type AlertLinkInput } from "./alert-links";

const base: AlertLinkInput = { kind: "x.y", subject: {}, productId: null, connectionId: null };

describe("alertSubjectHref", () => {
  it.each([
    [{ kind: "stock.oversold", subject: { variantId: "v1", orderId: "o1" }, productId: "p1" }, "/orders/o1"],
    [{ kind: "stock.low", subject: { variantId: "v1" }, productId: "p1" }, "/products/p1"],
    [{ kind: "webhook.event_failed", subject: { webhookEventId: "e1" }, connectionId: "c1" }, "/webhooks?shop=c1"],
    [{ kind: "webhook.signature_failures", subject: {} }, "/webhooks"],
    [{ kind: "conflict.opened", subject: { connectionId: "c1" }, connectionId: "c1" }, "/conflicts"],
    [{ kind: "channel.reauth", subject: { connectionId: "c1" }, connectionId: "c1" }, "/channels"],
  ] as const)("%j → %s", (alert, href) => {
    expect(alertSubjectHref({ ...base, ...alert, subject: { ...alert.subject } })?.href).toBe(href);
  });

  it("has no link for an alert about nothing it can open", () => {
    expect(alertSubjectHref(base)).toBeNull();
  });
});
