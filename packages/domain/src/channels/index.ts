export * from "./listing";
export * from "./overrides";
export * from "./publish";
export * from "./sku-suggestions";
