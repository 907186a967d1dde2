export * from "./kinds";
export * from "./preferences";
