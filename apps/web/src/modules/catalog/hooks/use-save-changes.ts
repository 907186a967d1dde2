"use client";

import type { GridApi } from "ag-grid-community";
import { useCallback, useState } from "react";
import { toast } from "sonner";
import { formatErrorForToast, getErrorDetails } from "@/lib/errors";
import { trpc } from "@/lib/trpc/react";
import type { RouterOutputs } from "@/lib/trpc/types";
import { applyServerRows } from "../utils/apply-server-rows";
import { buildSaveInput, serverCellErrors } from "../utils/build-save-input";
import type { VariantRow } from "../utils/catalog-types";
import {
  cellKey,
  discardCells,
  invalidCells,
  markSaved,
  rebaseRow,
  setCellErrors,
  type PendingState,
} from "../utils/pending-changes";
import type { PendingStore } from "../utils/pending-store";
import { pendingPriceWarnings, type GridPriceWarning } from "../utils/price-warnings";

type SaveOutput = RouterOutputs["catalog"]["saveChanges"];
export type SaveConflict = Extract<SaveOutput, { conflicts: unknown }>["conflicts"][number];
export type ConflictChoice = "theirs" | "yours";

/**
 * "Save N changes": every valid pending cell in one `catalog.saveChanges` call. A refused save
 * (validation or conflicts) saves nothing and keeps the edits; conflicts wait for the user.
 */
export function useSaveChanges(
  api: GridApi<VariantRow> | null,
  store: PendingStore,
  commit: (next: (state: PendingState) => PendingState) => void,
  currency: string,
) {
  const mutation = trpc.catalog.saveChanges.useMutation();
  const [conflicts, setConflicts] = useState<SaveConflict[]>([]);
  /** Prices that look wrong, waiting for the user to confirm the save (or go back). */
  const [warnings, setWarnings] = useState<GridPriceWarning[]>([]);

  const save = useCallback(
    async (options: { confirmed?: boolean } = {}) => {
      const state = store.get();
      if (invalidCells(state).length > 0) {
        toast.error("Fix the marked cells before saving.");
        return;
      }
      if (!options.confirmed) {
        const found = pendingPriceWarnings(state, api, currency);
        if (found.length > 0) {
          setWarnings(found);
          return;
        }
      }
      setWarnings([]);
      const plan = buildSaveInput(state);
      if (plan.changes.length === 0) return;
      try {
        const result = await mutation.mutateAsync({
          changes: plan.changes as Parameters<typeof mutation.mutateAsync>[0]["changes"],
        });
        if ("conflicts" in result && result.conflicts.length > 0) {
          setConflicts(result.conflicts);
          return;
        }
        commit((current) => markSaved(current, plan.submitted));
        if ("rows" in result) applyServerRows(api, result.rows);
        toast.success(`Saved ${plan.submitted.length} ${plan.submitted.length === 1 ? "change" : "changes"}`);
      } catch (error) {
        const errors = serverCellErrors(getErrorDetails(error).fieldErrors, plan.changes);
        if (errors.length > 0) {
          commit((current) => setCellErrors(current, errors));
          toast.error(
            `Nothing was saved: ${errors.length} ${errors.length === 1 ? "cell was" : "cells were"} refused. Fix the marked cells.`,
          );
        } else {
          toast.error(`Nothing was saved. ${formatErrorForToast(error)}`);
        }
      }
    },
    [api, store, commit, mutation, currency],
  );

  /** Applies the user's choice per conflicting cell, then saves again what is left. */
  const resolveConflicts = useCallback(
    async (choices: ReadonlyMap<string, ConflictChoice>) => {
      const theirs = conflicts.filter(
        (conflict) => choices.get(cellKey(conflict.variantId, conflict.field)) !== "yours",
      );
      const yours = conflicts.filter(
        (conflict) => choices.get(cellKey(conflict.variantId, conflict.field)) === "yours",
      );
      commit((state) => {
        let next = discardCells(
          state,
          theirs.map((conflict) => cellKey(conflict.variantId, conflict.field)),
        );
        // Every conflicting row now builds on what the server has, whichever side each cell took.
        for (const conflict of conflicts) {
          next = rebaseRow(next, conflict.variantId, {
            productVersion: conflict.current.productVersion,
            variantVersion: conflict.current.variantVersion,
            // "Keep mine" on a stock cell overwrites the stock as it is now, not as it was loaded.
            stockOnHand: conflict.current.stockOnHand,
          });
        }
        return next;
      });
      applyServerRows(
        api,
        conflicts.map((conflict) => conflict.current),
      );
      setConflicts([]);
      if (yours.length > 0 || store.get().cells.size > 0) await save();
    },
    [api, conflicts, commit, save, store],
  );

  return {
    warnings,
    dismissWarnings: () => setWarnings([]),
    save,
    saving: mutation.isPending,
    conflicts,
    resolveConflicts,
    dismissConflicts: () => setConflicts([]),
  };
}
