/** Terminal output of the launcher: one short line per step, with how long it took. */
import { stripVTControlCharacters } from "node:util";

const useColor = process.stdout.isTTY === true && !process.env.NO_COLOR;
const paint = (code: string) => (text: string) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);
export const color = {
  dim: paint("2"),
  bold: paint("1"),
  cyan: paint("36"),
  green: paint("32"),
  red: paint("31"),
  yellow: paint("33"),
};

export function seconds(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`;
}

export function step(message: string, startedAt?: number): void {
  const took = startedAt === undefined ? "" : ` ${color.dim(`(${seconds(Date.now() - startedAt)})`)}`;
  console.log(`${color.cyan("›")} ${message}${took}`);
}

export function warn(message: string): void {
  console.log(`${color.yellow("!")} ${message}`);
}

export function fail(message: string): void {
  console.error(`${color.red("✗")} ${message}`);
}

/** Runs `work`, then prints `message` with the time it took. */
export async function timed<T>(message: string, work: () => Promise<T>): Promise<T> {
  const startedAt = Date.now();
  const result = await work();
  step(message, startedAt);
  return result;
}

/** A framed block for what a person must not miss (the URL and the demo login). */
export function box(lines: string[]): string {
  // Width ignores colour codes so the frame lines up.
  const visible = (line: string) => stripVTControlCharacters(line).length;
  const width = Math.max(...lines.map(visible));
  const body = lines.map((line) => `│  ${line}${" ".repeat(width - visible(line))}  │`);
  return [`╭${"─".repeat(width + 4)}╮`, ...body, `╰${"─".repeat(width + 4)}╯`].join("\n");
}

/** An error whose message says everything a person needs; printed without a stack. */
export class LaunchError extends Error {
  override readonly name = "LaunchError";
}

export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const expected = error instanceof LaunchError || error.name === "PortInUseError" || error.name === "ConfigError";
  return expected ? error.message : (error.stack ?? error.message);
}
