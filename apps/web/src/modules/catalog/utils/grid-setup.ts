import {
  CellApiModule,
  CellStyleModule,
  ColumnApiModule,
  ColumnAutoSizeModule,
  EventApiModule,
  HighlightChangesModule,
  InfiniteRowModelModule,
  ModuleRegistry,
  RenderApiModule,
  RowApiModule,
  RowSelectionModule,
  RowStyleModule,
  ScrollApiModule,
  SelectEditorModule,
  TextEditorModule,
  TooltipModule,
  ValidationModule,
  themeQuartz,
  type Module,
} from "ag-grid-community";

/** Community modules only (no Enterprise, no licence key), registered once per page load. */
const modules: Module[] = [
  InfiniteRowModelModule,
  TextEditorModule,
  SelectEditorModule,
  CellStyleModule,
  CellApiModule,
  ColumnApiModule,
  RowStyleModule,
  RowSelectionModule,
  TooltipModule,
  ColumnAutoSizeModule,
  HighlightChangesModule,
  RenderApiModule,
  RowApiModule,
  ScrollApiModule,
  EventApiModule,
  ...(process.env.NODE_ENV === "production" ? [] : [ValidationModule]),
];

let registered = false;
export function registerGridModules(): void {
  if (registered) return;
  ModuleRegistry.registerModules(modules);
  registered = true;
}

/** Quartz tuned to the app's shadcn tokens: neutral greys, the app's font, compact rows. */
export const gridTheme = themeQuartz.withParams({
  fontFamily: "inherit",
  fontSize: 13,
  headerFontSize: 12,
  headerFontWeight: 600,
  foregroundColor: "var(--foreground)",
  backgroundColor: "var(--background)",
  headerBackgroundColor: "var(--muted)",
  headerTextColor: "var(--muted-foreground)",
  borderColor: "var(--border)",
  accentColor: "oklch(0.55 0.17 255)",
  rowHoverColor: "color-mix(in oklch, var(--muted) 70%, transparent)",
  selectedRowBackgroundColor: "oklch(0.55 0.17 255 / 0.08)",
  wrapperBorderRadius: 8,
  borderRadius: 6,
  rowHeight: 34,
  headerHeight: 36,
  spacing: 6,
  cellHorizontalPadding: 10,
  columnBorder: true,
  rowBorder: true,
  wrapperBorder: true,
  oddRowBackgroundColor: "transparent",
});
