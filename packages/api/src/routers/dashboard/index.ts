import { router } from "../../core/trpc";
import { getSummary } from "./get-summary";

export const dashboardRouter = router({ summary: getSummary });
