/**
 * Terminal reports of our command-line tools (benchmark tables, the test summary CI reads): plain
 * lines on stdout for a person or CI to read, not log records. Services and jobs log through the
 * structured logger (`@syncstore/config/logger`) instead.
 */
export function print(...lines: string[]): void {
  process.stdout.write(lines.length === 0 ? "\n" : `${lines.join("\n")}\n`);
}
