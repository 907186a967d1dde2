import { sameValue, type CellValue, type EditableField } from "./catalog-fields";

/**
 * The grid's unsaved edits: a pure value with undo and redo stacks. Every function returns a
 * new state; the grid reads cells through `pendingCell` and writes through `applyEdits`.
 */
export interface PendingCell {
  variantId: string;
  field: EditableField;
  /** What the user typed or pasted; shown as is while the cell is invalid. */
  raw: string;
  value: CellValue;
  error: string | null;
}

/**
 * What a save claims about the row as the grid loaded it: its versions and its stock on hand
 * (orders move stock without a new version, so a stock cell carries it as the expected value).
 */
export type RowVersions = { productVersion: number; variantVersion: number; stockOnHand?: number };

type Change = { key: string; before: PendingCell | undefined; after: PendingCell | undefined };

export interface PendingState {
  cells: ReadonlyMap<string, PendingCell>;
  /** Versions of each edited row when its first pending edit was made: the save sends these. */
  versions: ReadonlyMap<string, RowVersions>;
  undo: readonly Change[][];
  redo: readonly Change[][];
}

export interface EditInput {
  variantId: string;
  field: EditableField;
  raw: string;
  result: { ok: true; value: CellValue } | { ok: false; message: string };
  /** The row's stored value: an edit back to it is no edit. */
  original: CellValue;
  versions: RowVersions;
}

const HISTORY_LIMIT = 100;

export function cellKey(variantId: string, field: string): string {
  return `${variantId}:${field}`;
}

export function emptyPending(): PendingState {
  return { cells: new Map(), versions: new Map(), undo: [], redo: [] };
}

function hasRowCells(cells: ReadonlyMap<string, PendingCell>, variantId: string): boolean {
  for (const cell of cells.values()) if (cell.variantId === variantId) return true;
  return false;
}

function applyChanges(
  cells: ReadonlyMap<string, PendingCell>,
  changes: readonly Change[],
  direction: "before" | "after",
) {
  const next = new Map(cells);
  for (const change of changes) {
    const value = change[direction];
    if (value) next.set(change.key, value);
    else next.delete(change.key);
  }
  return next;
}

/** One user action (a typed cell, a paste, a fill): one undo step. */
export function applyEdits(state: PendingState, edits: readonly EditInput[]): PendingState {
  const changes: Change[] = [];
  const versions = new Map(state.versions);
  const editedRows = new Set([...state.cells.values()].map((cell) => cell.variantId));
  for (const edit of edits) {
    const key = cellKey(edit.variantId, edit.field);
    const before = state.cells.get(key);
    const after: PendingCell | undefined =
      edit.result.ok && sameValue(edit.result.value, edit.original)
        ? undefined
        : {
            variantId: edit.variantId,
            field: edit.field,
            raw: edit.raw,
            value: edit.result.ok ? edit.result.value : null,
            error: edit.result.ok ? null : edit.result.message,
          };
    if (!before && !after) continue;
    if (
      before &&
      after &&
      before.raw === after.raw &&
      before.error === after.error &&
      sameValue(before.value, after.value)
    )
      continue;
    // A row's versions are those it had when its pending edits began.
    if (!editedRows.has(edit.variantId)) versions.set(edit.variantId, edit.versions);
    changes.push({ key, before, after });
  }
  if (changes.length === 0) return state;
  return {
    cells: applyChanges(state.cells, changes, "after"),
    versions,
    undo: [...state.undo, changes].slice(-HISTORY_LIMIT),
    redo: [],
  };
}

export function undo(state: PendingState): PendingState {
  const last = state.undo.at(-1);
  if (!last) return state;
  return {
    ...state,
    cells: applyChanges(state.cells, [...last].reverse(), "before"),
    undo: state.undo.slice(0, -1),
    redo: [...state.redo, last],
  };
}

export function redo(state: PendingState): PendingState {
  const last = state.redo.at(-1);
  if (!last) return state;
  return {
    ...state,
    cells: applyChanges(state.cells, last, "after"),
    redo: state.redo.slice(0, -1),
    undo: [...state.undo, last],
  };
}

/** Cells the history last touched, so the grid can repaint just those. */
export function lastChangedKeys(changes: readonly Change[][] | undefined): string[] {
  return changes?.at(-1)?.map((change) => change.key) ?? [];
}

/**
 * After a successful save: drops the submitted cells that were not edited again meanwhile.
 * History is cleared, since an undo cannot reach past a commit.
 */
export function markSaved(state: PendingState, submitted: readonly PendingCell[]): PendingState {
  const cells = new Map(state.cells);
  for (const cell of submitted) {
    const key = cellKey(cell.variantId, cell.field);
    const current = cells.get(key);
    if (current && current.raw === cell.raw && sameValue(current.value, cell.value)) cells.delete(key);
  }
  const versions = new Map([...state.versions].filter(([variantId]) => hasRowCells(cells, variantId)));
  return { cells, versions, undo: [], redo: [] };
}

/** Conflict resolution, "keep theirs": forget these cells. */
export function discardCells(state: PendingState, keys: readonly string[]): PendingState {
  const cells = new Map(state.cells);
  for (const key of keys) cells.delete(key);
  const versions = new Map([...state.versions].filter(([variantId]) => hasRowCells(cells, variantId)));
  return { cells, versions, undo: [], redo: [] };
}

/** Conflict resolution, "overwrite": the next save claims the versions the server has now. */
export function rebaseRow(state: PendingState, variantId: string, versions: RowVersions): PendingState {
  if (!state.versions.has(variantId)) return state;
  return { ...state, versions: new Map(state.versions).set(variantId, versions) };
}

/** Errors the server found that the grid's checks did not (for example a duplicate SKU). */
export function setCellErrors(state: PendingState, errors: readonly { key: string; message: string }[]): PendingState {
  const cells = new Map(state.cells);
  for (const { key, message } of errors) {
    const cell = cells.get(key);
    if (cell) cells.set(key, { ...cell, error: message });
  }
  return { ...state, cells };
}

export function pendingCell(state: PendingState, variantId: string, field: string): PendingCell | undefined {
  return state.cells.get(cellKey(variantId, field));
}

export function pendingCount(state: PendingState): number {
  return state.cells.size;
}

export function invalidCells(state: PendingState): PendingCell[] {
  return [...state.cells.values()].filter((cell) => cell.error !== null);
}

export function rowHasPending(state: PendingState, variantId: string): boolean {
  return state.versions.has(variantId) && hasRowCells(state.cells, variantId);
}
