import { authenticatedProcedure } from "../../core/trpc";
import { listSessions as list } from "../../services/settings/profile";
import { profileActorOf } from "./shared";

/** The user's signed-in sessions (browser, IP, last active), the current one first. */
export const listSessions = authenticatedProcedure.query(({ ctx }) => list(profileActorOf(ctx)));
