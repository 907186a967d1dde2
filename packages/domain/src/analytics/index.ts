export * from "./csv";
export * from "./metrics";
export * from "./sales";
export * from "./snapshots";
