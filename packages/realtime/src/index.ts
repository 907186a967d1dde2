export * from "./events";
export * from "./rooms";
export * from "./emitter";
