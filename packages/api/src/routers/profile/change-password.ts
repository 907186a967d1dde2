import { changePasswordSchema } from "@syncstore/domain";
import { z } from "zod";
import { authenticatedProcedure } from "../../core/trpc";
import { changePassword as change } from "../../services/settings/profile";
import { profileActorOf } from "./shared";

/** Same rules as sign-up (the shared schema); the current password is checked by better-auth. */
export const changePassword = authenticatedProcedure
  .input(changePasswordSchema)
  .output(z.void())
  .mutation(({ ctx, input }) => change(profileActorOf(ctx), input));
