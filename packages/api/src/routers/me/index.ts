import { router } from "../../core/trpc";
import { getContext } from "./get-context";

export const meRouter = router({ context: getContext });
