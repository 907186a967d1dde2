export * from "./listing";
