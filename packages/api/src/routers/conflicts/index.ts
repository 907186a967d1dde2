import { router } from "../../core/trpc";
import { compareNow } from "./compare-now";
import { countOpen } from "./count-open";
import { getPolicies } from "./get-policies";
import { linkPreview } from "./link-preview";
import { listConflicts } from "./list-conflicts";
import { listReviews } from "./list-reviews";
import { productHistory } from "./product-history";
import { resolveConflicts } from "./resolve-conflicts";
import { setPolicies } from "./set-policies";

export const conflictsRouter = router({
  list: listConflicts,
  countOpen,
  resolve: resolveConflicts,
  productHistory,
  reviews: listReviews,
  linkPreview,
  compareNow,
  policies: router({ get: getPolicies, set: setPolicies }),
});
