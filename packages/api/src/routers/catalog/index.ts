import { router } from "../../core/trpc";
import { bulkRouter } from "./bulk";
import { importRouter } from "./csv-import";
import { deleteView } from "./delete-view";
import { getFacets } from "./get-facets";
import { getGridState } from "./get-grid-state";
import { getVariants } from "./get-variants";
import { listVariants } from "./list-variants";
import { listViews } from "./list-views";
import { productRouter } from "./product";
import { saveChanges } from "./save-changes";
import { saveGridState } from "./save-grid-state";
import { saveView } from "./save-view";

export const catalogRouter = router({
  listVariants,
  getVariants,
  facets: getFacets,
  saveChanges,
  gridState: router({ get: getGridState, save: saveGridState }),
  views: router({ list: listViews, save: saveView, delete: deleteView }),
  bulk: bulkRouter,
  import: importRouter,
  product: productRouter,
});
