import type { RouterOutputs } from "@syncstore/api";

export type StockRow = RouterOutputs["inventory"]["list"]["rows"][number];
export type StockShop = RouterOutputs["inventory"]["shops"][number];
export type StockExplanation = RouterOutputs["inventory"]["explain"];
export type CountPreview = RouterOutputs["inventory"]["previewCount"];
