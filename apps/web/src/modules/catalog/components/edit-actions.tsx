"use client";

import { ArrowDownToLineIcon, Loader2Icon, Redo2Icon, SaveIcon, Undo2Icon } from "lucide-react";
import { Button } from "@/components/ui/button";

const mod = "Ctrl/⌘+";

/** Undo, redo, fill down and "Save N changes" (blocked while any cell is invalid). */
export function EditActions({
  dirty,
  invalid,
  canUndo,
  canRedo,
  saving,
  onUndo,
  onRedo,
  onFillDown,
  onSave,
}: {
  dirty: number;
  invalid: number;
  canUndo: boolean;
  canRedo: boolean;
  saving: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onFillDown: () => void;
  onSave: () => void;
}) {
  return (
    <div className="flex items-center gap-1">
      <Button
        variant="ghost"
        size="icon-sm"
        onClick={onUndo}
        disabled={!canUndo}
        aria-label="Undo"
        title={`Undo (${mod}Z)`}
      >
        <Undo2Icon aria-hidden />
      </Button>
      <Button
        variant="ghost"
        size="icon-sm"
        onClick={onRedo}
        disabled={!canRedo}
        aria-label="Redo"
        title={`Redo (${mod}Shift+Z)`}
      >
        <Redo2Icon aria-hidden />
      </Button>
      <Button
        variant="outline"
        size="sm"
        onClick={onFillDown}
        title={`Copy the focused cell to the selected rows (${mod}D)`}
      >
        <ArrowDownToLineIcon aria-hidden />
        Fill down
      </Button>
      <Button
        size="sm"
        onClick={onSave}
        disabled={dirty === 0 || invalid > 0 || saving}
        title={invalid > 0 ? "Fix the marked cells first" : undefined}
        className="ml-1 min-w-36"
      >
        {saving ? <Loader2Icon className="animate-spin" aria-hidden /> : <SaveIcon aria-hidden />}
        {dirty === 0 ? "No changes" : `Save ${dirty} ${dirty === 1 ? "change" : "changes"}`}
      </Button>
    </div>
  );
}
