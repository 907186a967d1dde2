export * from "./detect";
export * from "./normalise";
