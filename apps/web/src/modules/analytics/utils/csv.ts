import { csvLine, UTF8_BOM, type CsvValue } from "@syncstore/domain";

export interface Column<Row> {
  header: string;
  /** The cell as the table shows it and the CSV writes it. */
  value: (row: Row) => CsvValue;
  align?: "right";
}

/** The CSV of exactly the rows and columns a section shows (spreadsheet-safe cells, UTF-8 BOM). */
export function toCsv<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  return (
    UTF8_BOM +
    csvLine(columns.map((column) => column.header)) +
    rows.map((row) => csvLine(columns.map((column) => column.value(row)))).join("")
  );
}

export function downloadCsv(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
