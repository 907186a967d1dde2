"use client";

import type { GridApi } from "ag-grid-community";
import { useEffect, useRef, type RefObject } from "react";
import type { VariantRow } from "../utils/catalog-types";

type Actions = {
  pasteText: (text: string) => void;
  fillDown: () => void;
  undo: () => void;
  redo: () => void;
};

/** How long to wait for the browser's `paste` event before reading the clipboard API instead. */
const PASTE_FALLBACK_MS = 150;

/**
 * Spreadsheet keys while the grid has focus and no cell editor is open: Ctrl/Cmd+Z, +Shift+Z or
 * Ctrl+Y, Ctrl/Cmd+D (fill down) and Ctrl/Cmd+V (paste). The paste comes from the document's
 * `paste` event; when a browser sends none for a non-editable focus, the clipboard API is read.
 */
export function useGridShortcuts(
  container: RefObject<HTMLElement | null>,
  api: GridApi<VariantRow> | null,
  actions: Actions,
) {
  const actionsRef = useRef(actions);
  useEffect(() => {
    actionsRef.current = actions;
  });

  useEffect(() => {
    const element = container.current;
    if (!element || !api) return;
    let fallback: ReturnType<typeof setTimeout> | undefined;
    const gridFocused = () => element.contains(document.activeElement) && api.getEditingCells().length === 0;

    const handlePaste = (event: ClipboardEvent) => {
      if (!gridFocused()) return;
      clearTimeout(fallback);
      fallback = undefined;
      event.preventDefault();
      actionsRef.current.pasteText(event.clipboardData?.getData("text/plain") ?? "");
    };

    const handleKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || !gridFocused()) return;
      const key = event.key.toLowerCase();
      if (key === "z" && !event.shiftKey) actionsRef.current.undo();
      else if ((key === "z" && event.shiftKey) || (key === "y" && event.ctrlKey)) actionsRef.current.redo();
      else if (key === "d") actionsRef.current.fillDown();
      else if (key === "v") {
        clearTimeout(fallback);
        fallback = setTimeout(() => {
          fallback = undefined;
          void navigator.clipboard
            ?.readText()
            .then((text) => actionsRef.current.pasteText(text))
            .catch(() => undefined);
        }, PASTE_FALLBACK_MS);
        return;
      } else return;
      event.preventDefault();
      event.stopPropagation();
    };

    element.addEventListener("keydown", handleKeyDown, true);
    document.addEventListener("paste", handlePaste);
    return () => {
      clearTimeout(fallback);
      element.removeEventListener("keydown", handleKeyDown, true);
      document.removeEventListener("paste", handlePaste);
    };
  }, [container, api]);
}
