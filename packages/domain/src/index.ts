export * from "./account";
export * from "./catalog";
export * from "./channels";
export * from "./errors";
export * from "./sync";
export * from "./analytics";
export * from "./conflicts";
