export * from "./allocation";
