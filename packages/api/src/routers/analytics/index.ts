import { router } from "../../core/trpc";
import { getHome } from "./get-home";
import { getPricing } from "./get-pricing";
import { getProducts } from "./get-products";
import { getSales } from "./get-sales";
import { getStock } from "./get-stock";
import { getSyncHealth } from "./get-sync-health";

export const analyticsRouter = router({
  sales: getSales,
  products: getProducts,
  pricing: getPricing,
  stock: getStock,
  syncHealth: getSyncHealth,
  home: getHome,
});
