export * from "./account";
export * from "./catalog";
