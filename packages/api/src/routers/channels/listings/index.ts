import { router } from "../../../core/trpc";
import { createProduct } from "./create-product";
import { forProduct } from "./for-product";
import { gridPrices } from "./grid-prices";
import { link } from "./link";
import { listUnmatched } from "./list-unmatched";
import { publish } from "./publish";
import { searchVariants } from "./search-variants";
import { startImport } from "./start-import";
import { unlink } from "./unlink";
import { update } from "./update";

/** Listings of connected shops: import, linking, overrides, publishing. */
export const listingsRouter = router({
  startImport,
  listUnmatched,
  searchVariants,
  link,
  unlink,
  createProduct,
  update,
  forProduct,
  publish,
  gridPrices,
});
