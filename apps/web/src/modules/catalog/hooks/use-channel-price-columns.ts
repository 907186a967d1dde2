"use client";

import type { ColDef, GridApi } from "ag-grid-community";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { useRealtime } from "@/lib/realtime/use-realtime";
import { trpc } from "@/lib/trpc/react";
import type { VariantRow } from "@/modules/catalog/utils/catalog-types";
import type { SavedColumn } from "@/modules/catalog/utils/column-layout";
import { formatMoney } from "@/modules/catalog/utils/format-money";

const PREFIX = "channelPrice:";
const CHUNK = 500;
const cellKey = (variantId: string, connectionId: string) => `${variantId}:${connectionId}`;

/**
 * Optional Products-grid columns, one per connected shop, with the price that shop gets after the
 * listing's rule. Hidden by default (column chooser). Prices are fetched only for loaded rows and
 * only while such a column is visible, through `channels.listings.gridPrices`, so the grid's list
 * query stays as fast as before.
 */
export function useChannelPriceColumns(
  api: GridApi<VariantRow> | null,
  currency: string,
  savedColumns: readonly SavedColumn[] | null,
): ColDef<VariantRow>[] {
  const utils = trpc.useUtils();
  const shops = trpc.channels.listings.gridPrices.useQuery({ variantIds: [] }, { staleTime: 60_000 });
  const connections = shops.data?.connections;
  const prices = useRef(new Map<string, number | null>());
  const loaded = useRef(new Set<string>());
  const inFlight = useRef(false);

  const columns = useMemo<ColDef<VariantRow>[]>(
    () =>
      (connections ?? []).map((connection) => ({
        colId: `${PREFIX}${connection.id}`,
        headerName: `${connection.name} price`,
        headerTooltip: `Price on ${connection.name} after its listing rule`,
        initialWidth: 140,
        initialHide: true,
        sortable: false,
        type: "rightAligned",
        valueGetter: (params) => {
          const id = params.data?.variantId;
          if (!id) return undefined;
          const key = cellKey(id, connection.id);
          return prices.current.has(key) ? prices.current.get(key) : loaded.current.has(id) ? "none" : undefined;
        },
        valueFormatter: (params) =>
          params.value === undefined
            ? ""
            : params.value === "none"
              ? "Not listed"
              : params.value === null
                ? "Invalid rule"
                : formatMoney(params.value as number, currency),
        cellClass: "ss-cell-muted",
      })),
    [connections, currency],
  );

  const load = useCallback(async () => {
    if (!api || api.isDestroyed() || inFlight.current) return;
    const visible = api.getColumns()?.filter((c) => c.getColId().startsWith(PREFIX) && c.isVisible()) ?? [];
    if (visible.length === 0) return;
    const missing: string[] = [];
    api.forEachNode((node) => {
      const id = node.data?.variantId;
      if (id && !loaded.current.has(id)) missing.push(id);
    });
    if (missing.length === 0) return;
    inFlight.current = true;
    try {
      for (let start = 0; start < missing.length; start += CHUNK) {
        const ids = missing.slice(start, start + CHUNK);
        const result = await utils.client.channels.listings.gridPrices.query({ variantIds: ids });
        for (const id of ids) loaded.current.add(id);
        for (const row of result.prices) prices.current.set(cellKey(row.variantId, row.connectionId), row.price);
      }
      if (!api.isDestroyed()) api.refreshCells({ columns: visible.map((c) => c.getColId()), force: true });
    } catch {
      // Cells stay blank; the next scroll or change tries again.
    } finally {
      inFlight.current = false;
    }
  }, [api, utils]);

  // Once the shop columns exist in the grid: the user's saved layout for them, else right after Price.
  const savedRef = useRef(savedColumns);
  const placed = useRef(new Set<string>());
  const place = useCallback(() => {
    if (!api || api.isDestroyed()) return;
    const present = (api.getColumns() ?? []).map((c) => c.getColId()).filter((id) => id.startsWith(PREFIX));
    const fresh = present.filter((id) => !placed.current.has(id));
    if (fresh.length === 0) return;
    for (const id of fresh) placed.current.add(id);
    const layout = savedRef.current ?? [];
    const saved = layout.filter((column) => fresh.includes(column.field));
    const order = api.getColumnState().map((state) => state.colId);
    // The saved layout leaves out the grid's own columns (selection), which come first.
    const offset = order.filter((id) => id.startsWith("ag-Grid-")).length;
    if (saved.length) {
      api.applyColumnState({
        state: saved.map((column) => ({ colId: column.field, hide: column.hidden ?? false, width: column.width })),
      });
      for (const column of saved) api.moveColumns([column.field], layout.indexOf(column) + offset);
    }
    const unsaved = fresh.filter((id) => !saved.some((column) => column.field === id));
    const price = api
      .getColumnState()
      .map((state) => state.colId)
      .indexOf("price");
    if (unsaved.length && price >= 0) api.moveColumns(unsaved, price + 1);
  }, [api]);
  useEffect(() => {
    if (!api) return;
    place();
    void load();
    const handler = () => {
      place();
      void load();
    };
    api.addEventListener("newColumnsLoaded", handler);
    return () => {
      if (!api.isDestroyed()) api.removeEventListener("newColumnsLoaded", handler);
    };
  }, [api, connections, place, load]);

  useEffect(() => {
    if (!api) return;
    const handler = () => void load();
    const events = ["modelUpdated", "columnVisible", "bodyScrollEnd"] as const;
    for (const event of events) api.addEventListener(event, handler);
    return () => {
      if (api.isDestroyed()) return;
      for (const event of events) api.removeEventListener(event, handler);
    };
  }, [api, load]);

  const forget = (variantIds: readonly string[]) => {
    for (const id of variantIds) {
      loaded.current.delete(id);
      for (const connection of connections ?? []) prices.current.delete(cellKey(id, connection.id));
    }
    void load();
  };
  useRealtime("listings.changed", (payload) => forget(payload.variantIds));
  useRealtime("catalog.rows_changed", (payload) => forget(payload.variantIds));
  useRealtime("connection.changed", () => void shops.refetch());

  return columns;
}
