import { router } from "../../../core/trpc";
import { bulkCreate } from "./bulk-create";
import { bulkLink } from "./bulk-link";
import { createProduct } from "./create-product";
import { forProduct } from "./for-product";
import { getBulk } from "./get-bulk";
import { gridPrices } from "./grid-prices";
import { link } from "./link";
import { listUnmatched } from "./list-unmatched";
import { previewBulkCreate } from "./preview-bulk-create";
import { previewBulkLink } from "./preview-bulk-link";
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
  previewBulkLink,
  bulkLink,
  previewBulkCreate,
  bulkCreate,
  getBulk,
  update,
  forProduct,
  publish,
  gridPrices,
});
