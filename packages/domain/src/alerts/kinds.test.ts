import { describe, expect, it } from "vitest";
import { alertGroupOf, alertGroupPatterns, alertGroups, alertKindLabel } from "./kinds";
import { inventorySettingsSchema, notificationPreferencesSchema } from "./preferences";

describe("alertGroupOf", () => {
  it.each([
    ["stock.low", "stock"],
    ["stock.out", "stock"],
    ["stock.oversold", "stock"],
    ["channel.reauth", "channels"],
    ["sync.failed", "channels"],
    ["webhook.event_failed", "webhooks"],
    ["webhook.signature_failures", "webhooks"],
    ["conflict.opened", "conflicts"],
    ["billing.overdue", null],
    ["", null],
  ] as const)("%s → %s", (kind, group) => {
    expect(alertGroupOf(kind)).toBe(group);
  });

  it("every group's patterns match the kinds it claims", () => {
    for (const group of alertGroups) {
      for (const pattern of alertGroupPatterns(group)) {
        const sample = pattern.replace("%", "x");
        expect(alertGroupOf(sample)).toBe(group);
      }
    }
  });

  it("labels known kinds and shows unknown ones as they are", () => {
    expect(alertKindLabel("stock.out")).toBe("Out of stock");
    expect(alertKindLabel("billing.overdue")).toBe("billing.overdue");
  });
});

describe("settings schemas", () => {
  it.each([
    [{ lowStockThreshold: 5, autoRestockReturns: true }, true],
    [{ lowStockThreshold: 0, autoRestockReturns: false }, true],
    [{ lowStockThreshold: -1, autoRestockReturns: false }, false],
    [{ lowStockThreshold: 2.5, autoRestockReturns: false }, false],
  ])("inventory settings %j valid: %s", (input, valid) => {
    expect(inventorySettingsSchema.safeParse(input).success).toBe(valid);
  });

  it.each([
    [{ emailCritical: true, dailyDigest: false, emailGroups: ["stock"] }, true],
    [{ emailCritical: false, dailyDigest: true, emailGroups: [] }, true],
    [{ emailCritical: true, dailyDigest: false, emailGroups: ["billing"] }, false],
  ])("notification preferences %j valid: %s", (input, valid) => {
    expect(notificationPreferencesSchema.safeParse(input).success).toBe(valid);
  });
});
