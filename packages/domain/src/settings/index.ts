export * from "./currency";
export * from "./organization";
