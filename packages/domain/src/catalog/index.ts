export * from "./money";
export * from "./paste";
export * from "./price-rules";
