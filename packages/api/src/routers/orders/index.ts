import { router } from "../../core/trpc";
import { countOrders } from "./count-orders";
import { getOrder } from "./get-order";
import { linkLine } from "./link-line";
import { listOrders } from "./list-orders";
import { listUnmatchedLines } from "./list-unmatched-lines";
import { receiveReturn } from "./receive-return";

export const ordersRouter = router({
  list: listOrders,
  counts: countOrders,
  get: getOrder,
  unmatchedLines: listUnmatchedLines,
  linkLine,
  receiveReturn,
});
