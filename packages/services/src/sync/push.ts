import {
  ChannelError,
  planBatches,
  type ChannelAdapter,
  type PriceUpdate,
  type ShopSession,
  type StockUpdate,
} from "@syncstore/channels";
import type { ListingSnapshot } from "@syncstore/db";
import { formatMinor } from "@syncstore/domain";
import type { DesiredState, ListingState, SyncOperation } from "./desired";

/** One listing's part of one platform call, and how it went. */
export interface OperationOutcome {
  listingId: string;
  op: SyncOperation;
  before: ListingSnapshot;
  after: ListingSnapshot;
  ok: boolean;
  error: ChannelError | null;
  requestId: string | null;
  durationMs: number;
}

export interface PlannedListing {
  state: ListingState;
  desired: DesiredState;
  ops: SyncOperation[];
}

/** One platform call to make: its API (the rate-limit key), and what it sends. */
export interface PlannedCall {
  api: SyncOperation;
  listings: PlannedListing[];
  send: (adapter: ChannelAdapter, session: ShopSession) => Promise<CallResult>;
}

interface CallResult {
  /** Listing ids refused individually, with the platform's reason. */
  failures: Map<string, ChannelError>;
  requestId: string | null;
}

/** What the channel showed before the push: the last synced value, or what the seller changed it to. */
function channelBefore(state: ListingState): ListingSnapshot | null {
  return state.drift ? { ...(state.lastSynced ?? {}), ...state.drift } : state.lastSynced;
}

function before(op: SyncOperation, last: ListingSnapshot | null): ListingSnapshot {
  if (op === "price") return { price: last?.price ?? null };
  if (op === "stock") return { stock: last?.stock ?? null };
  return { title: last?.title ?? null, description: last?.description ?? null };
}

function after(op: SyncOperation, desired: DesiredState): ListingSnapshot {
  if (op === "price") return { price: desired.price };
  if (op === "stock") return { stock: desired.stock };
  return { title: desired.title, description: desired.description };
}

/** Runs a batch-update call and maps its per-entry failures back to listing ids. */
async function batchCall<T extends { productId: string; variantId: string }>(
  entries: { listingId: string; update: T }[],
  call: (updates: T[]) => Promise<{ failed: { update: T; error: ChannelError }[]; requestIds?: string[] }>,
): Promise<CallResult> {
  const byUpdate = new Map(entries.map((entry) => [entry.update, entry.listingId]));
  const result = await call(entries.map((entry) => entry.update));
  const failures = new Map<string, ChannelError>();
  for (const failure of result.failed) {
    const listingId = byUpdate.get(failure.update);
    if (listingId) failures.set(listingId, failure.error);
  }
  // A call-level error fails every entry with the same error: surface it as the call's error.
  if (failures.size === entries.length && entries.length > 0) {
    const first = [...failures.values()][0];
    if (first && first.code !== "VALIDATION" && first.code !== "NOT_FOUND") throw first;
  }
  return { failures, requestId: result.requestIds?.[0] ?? null };
}

/**
 * Plans the platform calls for a set of claimed listings: price and stock entries grouped by
 * channel product and split at the platform's batch limit (one call each), and one field update
 * per channel product. A price that a rule made negative is refused here, never sent.
 */
export function planCalls(
  listings: readonly PlannedListing[],
  batchLimit: number,
): { calls: PlannedCall[]; refused: OperationOutcome[] } {
  const refused: OperationOutcome[] = [];
  const calls: PlannedCall[] = [];
  const byId = new Map(listings.map((listing) => [listing.state.id, listing]));

  const prices: (PriceUpdate & { listingId: string })[] = [];
  const stocks: (StockUpdate & { listingId: string })[] = [];
  const fields = new Map<string, PlannedListing[]>();
  for (const listing of listings) {
    const { state, desired } = listing;
    for (const op of listing.ops) {
      if (op === "price") {
        if (desired.price === null) {
          refused.push({
            listingId: state.id,
            op,
            before: before(op, channelBefore(state)),
            after: after(op, desired),
            ok: false,
            error: new ChannelError(
              "VALIDATION",
              "The listing's price rule makes the price negative; change the rule or the master price",
            ),
            requestId: null,
            durationMs: 0,
          });
          continue;
        }
        prices.push({
          listingId: state.id,
          productId: state.externalProductId,
          variantId: state.externalVariantId,
          price: { amount: formatMinor(desired.price, state.currency), currency: state.currency },
        });
      } else if (op === "stock") {
        stocks.push({
          listingId: state.id,
          productId: state.externalProductId,
          variantId: state.externalVariantId,
          quantity: desired.stock,
        });
      } else {
        const group = fields.get(state.externalProductId) ?? [];
        group.push(listing);
        fields.set(state.externalProductId, group);
      }
    }
  }

  for (const chunk of planBatches(prices, (update) => update.variantId, batchLimit)) {
    const entries = chunk.entries.map(({ listingId, ...update }) => ({ listingId, update }));
    calls.push({
      api: "price",
      listings: entries.map((entry) => byId.get(entry.listingId)!),
      send: (adapter, session) => batchCall(entries, (updates) => adapter.updatePrices(session, updates)),
    });
  }
  for (const chunk of planBatches(stocks, (update) => update.variantId, batchLimit)) {
    const entries = chunk.entries.map(({ listingId, ...update }) => ({ listingId, update }));
    calls.push({
      api: "stock",
      listings: entries.map((entry) => byId.get(entry.listingId)!),
      send: (adapter, session) => batchCall(entries, (updates) => adapter.updateStock(session, updates)),
    });
  }
  for (const [productId, group] of fields) {
    // Title and description belong to the channel product; the first listing's values are sent.
    const { desired } = group[0]!;
    calls.push({
      api: "fields",
      listings: group,
      send: async (adapter, session) => {
        const { requestId } = await adapter.updateListing(session, productId, {
          title: desired.title,
          ...(desired.description !== null ? { description: desired.description } : {}),
        });
        return { failures: new Map(), requestId };
      },
    });
  }
  return { calls, refused };
}

/** Turns one call's result (or its thrown error) into per-listing outcomes. */
export function callOutcomes(
  call: PlannedCall,
  result: { ok: true; value: CallResult } | { ok: false; error: ChannelError },
  durationMs: number,
): OperationOutcome[] {
  return call.listings.map(({ state, desired }) => {
    const error = result.ok ? (result.value.failures.get(state.id) ?? null) : result.error;
    return {
      listingId: state.id,
      op: call.api,
      before: before(call.api, channelBefore(state)),
      after: after(call.api, desired),
      ok: error === null,
      error,
      requestId: result.ok ? result.value.requestId : (result.error.requestId ?? null),
      durationMs,
    };
  });
}
