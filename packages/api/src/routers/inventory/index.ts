import { router } from "../../core/trpc";
import { adjustStock } from "./adjust-stock";
import { applyCount } from "./apply-count";
import { explainStock } from "./explain-stock";
import { getDefaultRule } from "./get-default-rule";
import { getStockRows } from "./get-stock-rows";
import { listMovements } from "./list-movements";
import { listShopRules } from "./list-shop-rules";
import { listShops } from "./list-shops";
import { listStock } from "./list-stock";
import { previewCount } from "./preview-count";
import { setDefaultRule } from "./set-default-rule";
import { setListingRule } from "./set-listing-rule";
import { setShopRule } from "./set-shop-rule";

export const inventoryRouter = router({
  list: listStock,
  rows: getStockRows,
  shops: listShops,
  explain: explainStock,
  adjust: adjustStock,
  previewCount,
  applyCount,
  movements: listMovements,
  shopRules: listShopRules,
  setShopRule,
  setListingRule,
  defaultRule: getDefaultRule,
  setDefaultRule,
});
