export * from "./account";
export * from "./catalog";
export * from "./channels";
