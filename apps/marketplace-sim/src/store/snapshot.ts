import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { type SimState } from "./types";

/** Reads a snapshot written by `writeSnapshot`; undefined when the file does not exist. */
export function readSnapshot(path: string): SimState | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<SimState>;
  if (parsed.version !== 1 || typeof parsed.shops !== "object") {
    throw new Error(`${path} is not a marketplace-sim snapshot (version 1); delete it or point SIM_SNAPSHOT elsewhere`);
  }
  return parsed as SimState;
}

/** Writes atomically (temporary file, then rename) so a crash never leaves half a snapshot. */
export function writeSnapshot(path: string, json: string): void {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, json);
  renameSync(temporary, path);
}
