"use client";

import { TriangleAlertIcon } from "lucide-react";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import type { GridPriceWarning } from "../utils/price-warnings";

/** Lists the prices that look wrong before a save; the user saves anyway or goes back to fix them. */
export function PriceWarningsDialog({
  warnings,
  onConfirm,
  onCancel,
}: {
  warnings: GridPriceWarning[];
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <AlertDialog open={warnings.length > 0} onOpenChange={(open) => (open ? undefined : onCancel())}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle className="flex items-center gap-2">
            <TriangleAlertIcon className="size-5 text-amber-600" aria-hidden />
            {warnings.length === 1 ? "1 price looks wrong" : `${warnings.length} prices look wrong`}
          </AlertDialogTitle>
          <AlertDialogDescription>They are marked in the grid. Save them anyway?</AlertDialogDescription>
        </AlertDialogHeader>
        <ul className="max-h-60 overflow-y-auto text-sm" aria-label="Price warnings">
          {warnings.map((warning) => (
            <li key={warning.variantId} className="flex gap-2 border-b py-1.5 last:border-0">
              <span className="font-mono text-xs leading-5">{warning.sku}</span>
              <span className="text-muted-foreground">{warning.message}</span>
            </li>
          ))}
        </ul>
        <AlertDialogFooter>
          <AlertDialogCancel>Go back</AlertDialogCancel>
          <AlertDialogAction onClick={onConfirm}>Save anyway</AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
