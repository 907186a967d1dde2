export * from "./account";
export * from "./catalog";
export * from "./channels";
export * from "./errors";
export * from "./sync";
export * from "./settings";
export * from "./conflicts";
