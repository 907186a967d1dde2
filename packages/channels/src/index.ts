export * from "./signing";
