import Papa from "papaparse";
import { parseMinor } from "./money";

/**
 * Spreadsheet paste without AG Grid Enterprise: the clipboard text (tab-separated, as Excel,
 * Google Sheets and other grids write it, with quoted cells for embedded tabs and newlines) is
 * parsed into a block, each value is coerced to its column's type, and the block is laid onto
 * the grid from the focused cell. Pure: the grid component applies the resulting edits.
 */
export function parseClipboard(text: string): string[][] {
  const trimmed = text.replace(/\r?\n$/, ""); // spreadsheets end the copy with a newline
  if (trimmed === "") return [];
  const result = Papa.parse<string[]>(trimmed, {
    delimiter: "\t",
    newline: trimmed.includes("\r\n") ? "\r\n" : "\n",
    quoteChar: '"',
  });
  return result.data;
}

export type ColumnKind =
  | { type: "text"; maxLength?: number; required?: boolean }
  | { type: "money"; currency: string; min?: number }
  | { type: "integer"; min?: number; max?: number }
  | { type: "decimal"; min?: number; maxDecimals?: number }
  | { type: "percent" }
  | { type: "enum"; values: readonly string[] };

export type Coerced = { ok: true; value: string | number | null } | { ok: false; message: string };

/** "1,234.50" → "1234.50"; "$ 12" → "12"; "(5.00)" → "-5.00" (accounting negatives). */
function normaliseNumber(raw: string): string {
  let text = raw
    .trim()
    .replace(/[\s\u00a0]/g, "")
    .replace(/^[$€£¥₫฿]|[$€£¥₫฿]$/g, "");
  const negative = /^\(.*\)$/.test(text);
  if (negative) text = `-${text.slice(1, -1)}`;
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/,/g, "");
  return text;
}

export function coerceCell(raw: string, kind: ColumnKind): Coerced {
  const text = raw.trim();
  switch (kind.type) {
    case "text": {
      if (kind.required && text === "") return { ok: false, message: "Required" };
      if (kind.maxLength && text.length > kind.maxLength)
        return { ok: false, message: `At most ${kind.maxLength} characters` };
      return { ok: true, value: text };
    }
    case "money": {
      if (text === "") return { ok: true, value: null };
      const minor = parseMinor(normaliseNumber(text), kind.currency);
      if (minor === null) return { ok: false, message: `"${text}" is not an amount in ${kind.currency}` };
      if (minor < (kind.min ?? 0)) return { ok: false, message: "Must not be negative" };
      return { ok: true, value: minor };
    }
    case "integer": {
      const value = normaliseNumber(text);
      if (!/^-?\d+$/.test(value)) return { ok: false, message: `"${text}" is not a whole number` };
      const number = Number(value);
      if (kind.min !== undefined && number < kind.min) return { ok: false, message: `Must be at least ${kind.min}` };
      if (kind.max !== undefined && number > kind.max) return { ok: false, message: `Must be at most ${kind.max}` };
      return { ok: true, value: number };
    }
    case "decimal": {
      if (text === "") return { ok: true, value: null };
      const value = normaliseNumber(text);
      const match = /^-?\d+(?:\.(\d+))?$/.exec(value);
      if (!match) return { ok: false, message: `"${text}" is not a number` };
      if (kind.maxDecimals !== undefined && (match[1]?.length ?? 0) > kind.maxDecimals) {
        return { ok: false, message: `At most ${kind.maxDecimals} decimals` };
      }
      if (kind.min !== undefined && Number(value) < kind.min)
        return { ok: false, message: `Must be at least ${kind.min}` };
      return { ok: true, value };
    }
    case "percent": {
      const value = normaliseNumber(text.replace(/%$/, ""));
      if (!/^-?\d+(\.\d{1,2})?$/.test(value)) return { ok: false, message: `"${text}" is not a percentage` };
      return { ok: true, value: Math.round(Number(value) * 100) }; // basis points
    }
    case "enum": {
      const match = kind.values.find((option) => option.toLowerCase() === text.toLowerCase());
      return match ? { ok: true, value: match } : { ok: false, message: `Must be one of ${kind.values.join(", ")}` };
    }
  }
}

export interface PasteColumn {
  field: string;
  editable: boolean;
  kind: ColumnKind;
}

export interface CellEdit {
  rowIndex: number;
  field: string;
  raw: string;
  result: Coerced;
}

export interface PastePlan {
  edits: CellEdit[];
  /** Cells of the block that fell outside the grid or on read-only columns. */
  skipped: number;
}

/**
 * Lays `block` onto the visible columns starting at (startRow, startColumn). Rows past
 * `rowCount` and columns past the last one are skipped (and counted), never wrapped.
 */
export function planPaste(
  block: string[][],
  start: { row: number; column: number },
  columns: PasteColumn[],
  rowCount: number,
): PastePlan {
  const edits: CellEdit[] = [];
  let skipped = 0;
  block.forEach((cells, r) => {
    cells.forEach((raw, c) => {
      const rowIndex = start.row + r;
      const column = columns[start.column + c];
      if (rowIndex >= rowCount || !column || !column.editable) {
        skipped++;
        return;
      }
      edits.push({ rowIndex, field: column.field, raw, result: coerceCell(raw, column.kind) });
    });
  });
  return { edits, skipped };
}

/** Fill down: the first selected row's value copied to the others, through the same coercion. */
export function planFillDown(value: string, rowIndexes: number[], column: PasteColumn): CellEdit[] {
  if (!column.editable) return [];
  return rowIndexes.map((rowIndex) => ({
    rowIndex,
    field: column.field,
    raw: value,
    result: coerceCell(value, column.kind),
  }));
}
