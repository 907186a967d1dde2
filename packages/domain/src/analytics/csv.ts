/**
 * Spreadsheet-safe CSV cells (RFC 4180 quoting): a cell a spreadsheet would read as a formula
 * (beginning with `=`, `+`, `-`, `@`, tab or carriage return) is prefixed with `'`, except plain
 * numbers such as "-12.50"; dates are ISO 8601 in UTC. The optional UTF-8 BOM makes Excel read the
 * file as UTF-8.
 */
export const UTF8_BOM = "\uFEFF";

const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^-?\d+(\.\d+)?$/;

export type CsvValue = string | number | boolean | Date | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  let text = value;
  if (formulaStart.test(text) && !plainNumber.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
