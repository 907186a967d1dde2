export * from "./account";
export * from "./catalog";
export * from "./channels";
export * from "./sync";
export * from "./analytics";
