/**
 * The order state machine (pure). Platform statuses map onto a phase; each order line carries the
 * stock effect already applied for it; a transition from that effect towards the phase's target
 * says which stock movement to make. Applying the same phase twice does nothing, so deliveries
 * repeated or out of order (older states are dropped by platform update time before this runs)
 * apply every effect exactly once.
 */

export type OrderPlatform = "shopee" | "tiktok";

/** Where an order stands for stock. */
export type OrderPhase = "open" | "shipped" | "delivered" | "cancelled" | "returned";

/** The stock effect applied for one line so far. */
export type LineEffect = "none" | "committed" | "shipped" | "released" | "restocked";

/** What to do to stock for one line. */
export type LineAction =
  /** committed += fit (the part that does not fit is oversold). */
  | "commit"
  /** committed −= committed quantity (cancelled before shipment). */
  | "release"
  /** on_hand and committed −= committed quantity together (it left the warehouse). */
  | "ship"
  /** on_hand += shipped quantity (a return received). */
  | "restock"
  | "none";

const phases: Record<OrderPlatform, Record<string, OrderPhase>> = {
  shopee: {
    UNPAID: "open",
    READY_TO_SHIP: "open",
    PROCESSED: "open",
    RETRY_SHIP: "open",
    // A cancellation the buyer asked for is not one yet: the units stay committed.
    IN_CANCEL: "open",
    SHIPPED: "shipped",
    TO_CONFIRM_RECEIVE: "shipped",
    COMPLETED: "delivered",
    CANCELLED: "cancelled",
    TO_RETURN: "returned",
  },
  tiktok: {
    UNPAID: "open",
    ON_HOLD: "open",
    AWAITING_SHIPMENT: "open",
    PARTIALLY_SHIPPING: "open",
    AWAITING_COLLECTION: "open",
    IN_TRANSIT: "shipped",
    DELIVERED: "delivered",
    COMPLETED: "delivered",
    // The webhook says CANCEL where the API says CANCELLED.
    CANCEL: "cancelled",
    CANCELLED: "cancelled",
  },
};

/**
 * The statuses of open orders (phase "open": they hold stock) as each platform's order search
 * filter spells them, so a newly connected shop's open orders can be read status by status.
 */
export function openOrderStatuses(platform: OrderPlatform): string[] {
  // Derived from the SQL filter so the two can never disagree: the known statuses it does not exclude.
  const { statuses: notOpen } = statusesOfPhase(platform, "open");
  return Object.keys(phases[platform]).filter((status) => !notOpen.includes(status));
}

/** The phase of a platform status; unknown statuses (Shopee PENDING, INVOICE_PENDING…) count as open. */
export function orderPhase(platform: OrderPlatform, status: string | null | undefined): OrderPhase {
  return (status ? phases[platform][status.trim().toUpperCase()] : undefined) ?? "open";
}

export interface LineTransition {
  action: LineAction;
  next: LineEffect;
}

export interface TransitionOptions {
  /** The return was received (the seller marked it, or the organization restocks automatically). */
  returnReceived?: boolean;
}

/**
 * The move from a line's applied effect towards what the order's phase calls for:
 * open → committed; cancelled before shipment → released; shipped / delivered → shipped;
 * returned → restocked only once the return is received. Effects never go back (a cancelled line
 * is not committed again, a shipped one is not released).
 */
export function lineTransition(
  current: LineEffect,
  phase: OrderPhase,
  options: TransitionOptions = {},
): LineTransition {
  const stay: LineTransition = { action: "none", next: current };
  switch (phase) {
    case "open":
      return current === "none" ? { action: "commit", next: "committed" } : stay;
    case "cancelled":
      if (current === "none") return { action: "none", next: "released" };
      if (current === "committed") return { action: "release", next: "released" };
      return stay;
    // A shipped order seen for the first time (its earlier events missed or still in flight) is
    // committed, then shipped: the ledger is the same whatever order the events arrive in.
    case "shipped":
    case "delivered":
      if (current === "none") return { action: "commit", next: "committed" };
      if (current === "committed") return { action: "ship", next: "shipped" };
      return stay;
    case "returned":
      if (current === "none") return { action: "commit", next: "committed" };
      if (current === "committed") return { action: "ship", next: "shipped" };
      if (current === "shipped" && options.returnReceived) return { action: "restock", next: "restocked" };
      return stay;
  }
}

/**
 * All the actions to bring a line to the phase (a return can need a shipment first, then a
 * restock). Stops when nothing more changes.
 */
export function lineTransitions(
  current: LineEffect,
  phase: OrderPhase,
  options: TransitionOptions = {},
): LineTransition[] {
  const steps: LineTransition[] = [];
  let effect = current;
  for (let i = 0; i < 3; i += 1) {
    const step = lineTransition(effect, phase, options);
    if (step.next === effect) break;
    steps.push(step);
    effect = step.next;
  }
  return steps;
}

/** Who cancelled, as the platforms say it, in our words. */
export type Canceller = "buyer" | "seller" | "platform";

export const orderPhases = [
  "open",
  "shipped",
  "delivered",
  "cancelled",
  "returned",
] as const satisfies readonly OrderPhase[];

/**
 * The platform statuses (upper case) that mean `phase`, for filtering orders in SQL. `open` also
 * covers every status not listed (unknown statuses are open), so it is returned as the statuses to
 * exclude: `{ exclude: true }`.
 */
export function statusesOfPhase(platform: OrderPlatform, phase: OrderPhase): { statuses: string[]; exclude: boolean } {
  const entries = Object.entries(phases[platform]);
  if (phase === "open") return { statuses: entries.filter(([, p]) => p !== "open").map(([s]) => s), exclude: true };
  return { statuses: entries.filter(([, p]) => p === phase).map(([s]) => s), exclude: false };
}
