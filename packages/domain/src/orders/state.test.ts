import { describe, expect, it } from "vitest";
import {
  type LineEffect,
  lineTransition,
  lineTransitions,
  openOrderStatuses,
  type OrderPhase,
  orderPhase,
  orderPhases,
  statusesOfPhase,
} from "./state";

describe("orderPhase", () => {
  it.each([
    ["shopee", "UNPAID", "open"],
    ["shopee", "READY_TO_SHIP", "open"],
    ["shopee", "PROCESSED", "open"],
    ["shopee", "RETRY_SHIP", "open"],
    ["shopee", "IN_CANCEL", "open"],
    ["shopee", "SHIPPED", "shipped"],
    ["shopee", "TO_CONFIRM_RECEIVE", "shipped"],
    ["shopee", "COMPLETED", "delivered"],
    ["shopee", "CANCELLED", "cancelled"],
    ["shopee", "TO_RETURN", "returned"],
    ["shopee", "INVOICE_PENDING", "open"],
    ["shopee", "PENDING", "open"],
    ["tiktok", "UNPAID", "open"],
    ["tiktok", "ON_HOLD", "open"],
    ["tiktok", "AWAITING_SHIPMENT", "open"],
    ["tiktok", "PARTIALLY_SHIPPING", "open"],
    ["tiktok", "AWAITING_COLLECTION", "open"],
    ["tiktok", "IN_TRANSIT", "shipped"],
    ["tiktok", "DELIVERED", "delivered"],
    ["tiktok", "COMPLETED", "delivered"],
    ["tiktok", "CANCEL", "cancelled"],
    ["tiktok", "CANCELLED", "cancelled"],
    ["tiktok", "SOMETHING_NEW", "open"],
  ] as const)("%s %s is %s", (platform, status, phase) => {
    expect(orderPhase(platform, status)).toBe(phase);
  });
});

const effects: LineEffect[] = ["none", "committed", "shipped", "released", "restocked"];
const phases: OrderPhase[] = ["open", "shipped", "delivered", "cancelled", "returned"];

/** Every (applied effect, incoming phase) pair: the action and the effect after it. */
const table: Record<LineEffect, Record<OrderPhase, [string, LineEffect]>> = {
  none: {
    open: ["commit", "committed"],
    shipped: ["commit", "committed"],
    delivered: ["commit", "committed"],
    cancelled: ["none", "released"],
    returned: ["commit", "committed"],
  },
  committed: {
    open: ["none", "committed"],
    shipped: ["ship", "shipped"],
    delivered: ["ship", "shipped"],
    cancelled: ["release", "released"],
    returned: ["ship", "shipped"],
  },
  shipped: {
    open: ["none", "shipped"],
    shipped: ["none", "shipped"],
    delivered: ["none", "shipped"],
    cancelled: ["none", "shipped"],
    returned: ["none", "shipped"],
  },
  released: {
    open: ["none", "released"],
    shipped: ["none", "released"],
    delivered: ["none", "released"],
    cancelled: ["none", "released"],
    returned: ["none", "released"],
  },
  restocked: {
    open: ["none", "restocked"],
    shipped: ["none", "restocked"],
    delivered: ["none", "restocked"],
    cancelled: ["none", "restocked"],
    returned: ["none", "restocked"],
  },
};

describe("lineTransition", () => {
  for (const from of effects) {
    for (const phase of phases) {
      const [action, next] = table[from][phase];
      it(`${from} + ${phase} → ${action}, ${next}`, () => {
        expect(lineTransition(from, phase)).toEqual({ action, next });
      });
    }
  }

  it("restocks a shipped line only once the return is received", () => {
    expect(lineTransition("shipped", "returned", { returnReceived: true })).toEqual({
      action: "restock",
      next: "restocked",
    });
    expect(lineTransition("restocked", "returned", { returnReceived: true })).toEqual({
      action: "none",
      next: "restocked",
    });
  });
});

/** Replays platform statuses in the order given, applying each effect once. */
function replay(platform: "shopee" | "tiktok", statuses: string[]): string[] {
  let effect: LineEffect = "none";
  const actions: string[] = [];
  for (const status of statuses) {
    for (const step of lineTransitions(effect, orderPhase(platform, status))) {
      if (step.action !== "none") actions.push(step.action);
      effect = step.next;
    }
  }
  return actions;
}

describe("a line through real status sequences", () => {
  it.each([
    [
      "shopee",
      ["UNPAID", "READY_TO_SHIP", "PROCESSED", "SHIPPED", "TO_CONFIRM_RECEIVE", "COMPLETED"],
      ["commit", "ship"],
    ],
    ["shopee", ["UNPAID", "CANCELLED"], ["commit", "release"]],
    ["shopee", ["READY_TO_SHIP", "IN_CANCEL", "CANCELLED"], ["commit", "release"]],
    ["shopee", ["READY_TO_SHIP", "SHIPPED", "TO_RETURN"], ["commit", "ship"]],
    // Delivered three times and shipped before created: one commit, one shipment.
    ["shopee", ["SHIPPED", "READY_TO_SHIP", "SHIPPED", "SHIPPED"], ["commit", "ship"]],
    [
      "tiktok",
      ["UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "AWAITING_COLLECTION", "IN_TRANSIT", "DELIVERED", "COMPLETED"],
      ["commit", "ship"],
    ],
    [
      "tiktok",
      ["AWAITING_SHIPMENT", "AWAITING_SHIPMENT", "AWAITING_SHIPMENT", "CANCEL", "CANCELLED"],
      ["commit", "release"],
    ],
    ["tiktok", ["CANCELLED", "AWAITING_SHIPMENT"], []],
    ["tiktok", ["PARTIALLY_SHIPPING", "IN_TRANSIT"], ["commit", "ship"]],
  ] as const)("%s %j → %j", (platform, statuses, actions) => {
    expect(replay(platform, [...statuses])).toEqual(actions);
  });
});

describe("statusesOfPhase", () => {
  const samples: Record<"shopee" | "tiktok", string[]> = {
    shopee: ["UNPAID", "READY_TO_SHIP", "IN_CANCEL", "SHIPPED", "COMPLETED", "CANCELLED", "TO_RETURN", "PENDING"],
    tiktok: ["UNPAID", "AWAITING_SHIPMENT", "IN_TRANSIT", "DELIVERED", "CANCEL", "CANCELLED", "SOMETHING_NEW"],
  };
  it.each(
    (["shopee", "tiktok"] as const).flatMap((platform) => orderPhases.map((phase) => [platform, phase] as const)),
  )("%s %s: a status is selected exactly when orderPhase says so", (platform, phase) => {
    const { statuses, exclude } = statusesOfPhase(platform, phase);
    for (const status of samples[platform]) {
      const selected = exclude ? !statuses.includes(status) : statuses.includes(status);
      expect(selected, status).toBe(orderPhase(platform, status) === phase);
    }
  });
});

describe("openOrderStatuses", () => {
  it.each([
    ["shopee", ["UNPAID", "READY_TO_SHIP", "PROCESSED", "RETRY_SHIP", "IN_CANCEL"]],
    ["tiktok", ["UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "PARTIALLY_SHIPPING", "AWAITING_COLLECTION"]],
  ] as const)("%s: the statuses that hold stock, each of phase open", (platform, statuses) => {
    expect(openOrderStatuses(platform)).toEqual(statuses);
    for (const status of statuses) expect(orderPhase(platform, status)).toBe("open");
  });
});
