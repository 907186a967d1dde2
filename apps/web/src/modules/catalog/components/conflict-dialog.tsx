"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import type { ConflictChoice, SaveConflict } from "../hooks/use-save-changes";
import { fieldSpecs, isEditableField, type CellValue } from "../utils/catalog-fields";
import { toDisplayText, type TextContext } from "../utils/cell-text";
import { cellKey } from "../utils/pending-changes";

function show(field: string, value: unknown, context: TextContext): string {
  if (!isEditableField(field)) return String(value ?? "");
  const text = toDisplayText(field, value as CellValue, context);
  return text === "" ? "(empty)" : text;
}

/** Someone else saved these cells first: per cell, keep their value or overwrite it with yours. */
export function ConflictDialog({
  conflicts,
  textContext,
  onResolve,
  onCancel,
}: {
  conflicts: SaveConflict[];
  textContext: TextContext;
  onResolve: (choices: Map<string, ConflictChoice>) => void;
  onCancel: () => void;
}) {
  const [choices, setChoices] = useState(() => new Map<string, ConflictChoice>());
  const choose = (key: string, choice: ConflictChoice) => setChoices((current) => new Map(current).set(key, choice));
  const chooseAll = (choice: ConflictChoice) =>
    setChoices(new Map(conflicts.map((conflict) => [cellKey(conflict.variantId, conflict.field), choice])));

  return (
    <Dialog open={conflicts.length > 0} onOpenChange={(open) => (open ? undefined : onCancel())}>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>
            Someone else changed {conflicts.length === 1 ? "this cell" : `${conflicts.length} cells`}
          </DialogTitle>
          <DialogDescription>
            Nothing was saved. For each cell, keep their value or overwrite it with yours; then the rest of your edits
            are saved.
          </DialogDescription>
        </DialogHeader>
        <div className="max-h-[50vh] overflow-y-auto rounded-md border">
          <table className="w-full text-sm">
            <thead className="bg-muted text-left text-xs text-muted-foreground">
              <tr>
                <th className="px-3 py-2 font-medium">Cell</th>
                <th className="px-3 py-2 font-medium">Theirs</th>
                <th className="px-3 py-2 font-medium">Yours</th>
              </tr>
            </thead>
            <tbody>
              {conflicts.map((conflict) => {
                const key = cellKey(conflict.variantId, conflict.field);
                const choice = choices.get(key) ?? "theirs";
                const label = isEditableField(conflict.field) ? fieldSpecs[conflict.field].label : conflict.field;
                return (
                  <tr key={key} className="border-t" data-testid={`conflict-${key}`}>
                    <td className="px-3 py-2">
                      <div className="font-medium">{label}</div>
                      <div className="text-xs text-muted-foreground">
                        {conflict.current.productTitle} · {conflict.current.sku}
                      </div>
                    </td>
                    {(["theirs", "yours"] as const).map((side) => (
                      <td key={side} className="px-3 py-2">
                        <label className="flex cursor-pointer items-center gap-2">
                          <input
                            type="radio"
                            name={key}
                            checked={choice === side}
                            onChange={() => choose(key, side)}
                            className="accent-primary"
                          />
                          <span className={side === "yours" ? "font-medium" : undefined}>
                            {show(conflict.field, conflict[side], textContext)}
                          </span>
                        </label>
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <DialogFooter className="gap-2 sm:justify-between">
          <div className="flex gap-2">
            <Button variant="ghost" size="sm" onClick={() => chooseAll("theirs")}>
              Keep all theirs
            </Button>
            <Button variant="ghost" size="sm" onClick={() => chooseAll("yours")}>
              Overwrite all
            </Button>
          </div>
          <div className="flex gap-2">
            <Button variant="outline" onClick={onCancel}>
              Decide later
            </Button>
            <Button onClick={() => onResolve(choices)}>Apply and save</Button>
          </div>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
