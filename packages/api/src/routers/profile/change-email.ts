import { changeEmailSchema } from "@syncstore/domain";
import { z } from "zod";
import { authenticatedProcedure } from "../../core/trpc";
import { requestEmailChange } from "../../services/settings/profile";
import { profileActorOf } from "./shared";

/** Emails a confirmation link to the new address; the email changes when it is opened. */
export const changeEmail = authenticatedProcedure
  .input(changeEmailSchema)
  .output(z.void())
  .mutation(({ ctx, input }) => requestEmailChange(profileActorOf(ctx), input.newEmail));
