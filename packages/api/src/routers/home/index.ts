import { router } from "../../core/trpc";
import { getSummary } from "./get-summary";

export const homeRouter = router({ summary: getSummary });
