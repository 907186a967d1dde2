/**
 * Terminal reports of our command-line tools (benchmark tables, the test summary CI reads): plain
 * lines on stdout for a person or CI to read, not log records. Services and jobs log through the
 * structured logger (`@syncstore/config/logger`) instead.
 */
export function print(...lines: string[]): void {
  process.stdout.write(lines.length === 0 ? "\n" : `${lines.join("\n")}\n`);
}

/** Prints rows as aligned columns: the first left-aligned, the others right-aligned (figures). */
export function printTable(table: string[][]): void {
  const widths = table[0]!.map((_, column) => Math.max(...table.map((cells) => cells[column]!.length)));
  for (const cells of table) {
    print(
      cells
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
        .join("  "),
    );
  }
}

/**
 * The value at quantile `q` (0-1) of ascending values, nearest rank (p95 of 20 values is the 19th);
 * 0 when there are none. Benchmarks report their latencies with it.
 */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}
