import { z } from "zod";
import { authenticatedProcedure } from "../../core/trpc";
import { signOutOtherSessions } from "../../services/settings/profile";
import { profileActorOf } from "./shared";

export const signOutOthers = authenticatedProcedure
  .output(z.object({ signedOut: z.number() }))
  .mutation(({ ctx }) => signOutOtherSessions(profileActorOf(ctx)));
