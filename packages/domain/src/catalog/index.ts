export * from "./money";
export * from "./paste";
export * from "./price-rules";
export * from "./price-warnings";
export * from "./fields";
export * from "./bulk";
export * from "./product";
export * from "./csv-import";
